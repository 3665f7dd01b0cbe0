<?php
/**
 * Everything the plugin stores in WordPress, in one list: uninstall removes exactly this, the
 * privacy exporter and eraser read the personal part of it, and the integration tests check that
 * nothing named ru_payments is left once it is gone. A new option, transient, table, meta key or
 * scheduled hook belongs here.
 *
 * @package RuPayments
 */

declare( strict_types=1 );

namespace RuPayments\Support;

use RuPayments\Admin\AdminNotices;
use RuPayments\Admin\DeadLettersBlock;
use RuPayments\Background\ProviderPushRetry;
use RuPayments\Background\Scheduler;
use RuPayments\Gateways\GatewayOptions;
use RuPayments\Gateways\Methods;
use RuPayments\Orders\LapsingAuthorizations;
use RuPayments\Profiles\ProfileResolver;
use RuPayments\Profiles\Profiles;
use RuPayments\Providers\DolyameCertificate;
use RuPayments\Providers\ProviderConfigSaver;
use RuPayments\Providers\ProviderDirectory;
use RuPayments\Providers\ProviderSettings;
use RuPayments\Rest\EventsController;
use RuPayments\Rest\OrderStatusController;
use RuPayments\Settings\CallbackMode;
use RuPayments\Settings\SecretsDestination;
use RuPayments\Settings\SidecarSettings;
use RuPayments\Storage\Schema;
use RuPayments\Till\CashierRole;
use RuPayments\Till\ReportPage;
use RuPayments\Till\Shift;

defined( 'ABSPATH' ) || exit;

/**
 * Names of the stored data (no behaviour; Uninstaller acts on it).
 */
final class StoredData {

	/** Action Scheduler group of every scheduled action (Scheduler::GROUP). */
	public const ACTION_GROUP = Scheduler::GROUP;

	/** Prefix of every order meta key the plugin writes (OrderMeta, Reconciler, LapseMailer). */
	public const ORDER_META_PREFIX = '_ru_payments_';

	/**
	 * Options with fixed names.
	 *
	 * @return list<string>
	 */
	public static function options(): array {
		$options = array(
			Schema::OPTION_VERSION,
			SidecarSettings::OPTION_URL,
			SidecarSettings::OPTION_SECRET,
			CallbackMode::OPTION,
			Profiles::OPTION,
			ProviderConfigSaver::OPTION_SYNC,
			EventsController::OPTION_LAST_EVENT,
			ProviderPushRetry::OPTION,
			SecretsDestination::OPTION,
			CashierRole::VERSION_OPTION,
			ReportPage::SETTINGS,
			Shift::HISTORY,
		);
		foreach ( array( Methods::INDIVIDUALS, Methods::LEGAL, Methods::DOLYAME, Methods::SBER_BNPL, Methods::PAYLATE ) as $gateway_id ) {
			$options[] = GatewayOptions::option_key( $gateway_id );
		}
		return $options;
	}

	/**
	 * Prefixes of options named per provider and profile (ru_payments_provider_<provider>_<profile>).
	 *
	 * @return list<string>
	 */
	public static function option_prefixes(): array {
		return array( ProviderSettings::OPTION_PREFIX );
	}

	/**
	 * Transients with fixed names.
	 *
	 * @return list<string>
	 */
	public static function transients(): array {
		return array(
			ProviderDirectory::TRANSIENT,
			DolyameCertificate::TRANSIENT,
			LapsingAuthorizations::TRANSIENT,
			DeadLettersBlock::TRANSIENT,
		);
	}

	/**
	 * Prefixes of transients named per order or per user.
	 *
	 * @return list<string>
	 */
	public static function transient_prefixes(): array {
		return array( OrderStatusController::TRANSIENT_PREFIX, AdminNotices::TRANSIENT_PREFIX, ErrorReporter::TRANSIENT_PREFIX );
	}

	/**
	 * The plugin's own tables, with the site's prefix.
	 *
	 * @return list<string>
	 */
	public static function tables(): array {
		return array( Schema::table() );
	}

	/** Product meta: the settings profile of a product. */
	/** The till's open shift, kept per cashier. */
	public static function user_meta(): string {
		return Shift::OPEN;
	}

	/** The Cashier role, and the till capabilities given to existing roles. */
	public static function role(): string {
		return CashierRole::ROLE;
	}

	/** @return list<string> */
	public static function capabilities(): array {
		return array( CashierRole::CAP_TILL, CashierRole::CAP_REPORTS );
	}

	public static function product_meta(): string {
		return ProfileResolver::PRODUCT_META;
	}

	/** Term meta: the settings profile of a product category. */
	public static function term_meta(): string {
		return ProfileResolver::TERM_META;
	}
}
