<?php
/**
 * Till cash reports: filters, table, totals, CSV; till settings for managers.
 *
 * @package RuPayments
 */

declare( strict_types=1 );

namespace RuPayments\Till;

use RuPayments\Support\Money;

defined( 'ABSPATH' ) || exit;

/**
 * Server-rendered: the filters are a GET form, the CSV is an admin-post download with the same
 * filters (nonce + capability checked).
 */
final class ReportPage {

	public const SLUG       = 'ru-payments-till-reports';
	private const CSV       = 'ru_payments_till_csv';
	private const SETTINGS  = 'ru_payments_till_settings';

	public function __construct( private readonly TillReport $report, private readonly TillSettings $settings, private readonly Shift $shifts ) {
	}

	public function register(): void {
		add_action( 'admin_menu', array( $this, 'menu' ) );
		add_action( 'admin_post_' . self::CSV, array( $this, 'csv' ) );
		add_action( 'admin_post_' . self::SETTINGS, array( $this, 'save_settings' ) );
	}

	public function menu(): void {
		add_submenu_page( TillPage::SLUG, __( 'Till reports', 'ru-payments-for-woocommerce' ), __( 'Reports', 'ru-payments-for-woocommerce' ), CashierRole::CAP_REPORTS, self::SLUG, array( $this, 'render' ) );
	}

	public function render(): void {
		// phpcs:ignore WordPress.Security.NonceVerification.Recommended -- read-only filters.
		$filters = TillReport::filters( wp_unslash( $_GET ) );
		$report  = $this->report->build( $filters );
		echo '<div class="wrap"><h1>' . esc_html__( 'Till reports', 'ru-payments-for-woocommerce' ) . '</h1>';
		$this->filters_form( $filters );
		$csv = wp_nonce_url( add_query_arg( array( 'action' => self::CSV ) + array_filter( $filters ), admin_url( 'admin-post.php' ) ), self::CSV );
		echo '<p><a class="button" data-testid="report-csv" href="' . esc_url( $csv ) . '">' . esc_html__( 'Download CSV', 'ru-payments-for-woocommerce' ) . '</a></p>';
		echo '<table class="widefat striped" data-testid="report-table"><thead><tr>';
		foreach ( self::headers() as $label ) {
			echo '<th>' . esc_html( $label ) . '</th>';
		}
		echo '</tr></thead><tbody>';
		foreach ( $report['rows'] as $row ) {
			echo '<tr data-order="' . esc_attr( (string) $row['order'] ) . '">';
			foreach ( array_keys( self::headers() ) as $column ) {
				$value = in_array( $column, array( 'paid', 'refunded', 'net' ), true ) ? wp_strip_all_tags( wc_price( Money::from_kopecks( (int) $row[ $column ] ) ) ) : (string) $row[ $column ];
				echo '<td>' . esc_html( $value ) . '</td>';
			}
			echo '</tr>';
		}
		echo '</tbody><tfoot><tr data-testid="report-totals"><th colspan="3">' . esc_html(
			/* translators: %d: number of sales. */
			sprintf( _n( '%d sale', '%d sales', $report['totals']['count'], 'ru-payments-for-woocommerce' ), $report['totals']['count'] )
		) . '</th>';
		foreach ( array( 'paid', 'refunded', 'net' ) as $column ) {
			echo '<th data-total="' . esc_attr( $column ) . '">' . esc_html( wp_strip_all_tags( wc_price( Money::from_kopecks( $report['totals'][ $column ] ) ) ) ) . '</th>';
		}
		echo '<th colspan="' . (int) ( count( self::headers() ) - 6 ) . '"></th></tr></tfoot></table>';
		if ( current_user_can( 'manage_woocommerce' ) ) {
			$this->settings_form();
		}
		echo '</div>';
	}

	public function csv(): void {
		if ( ! current_user_can( CashierRole::CAP_REPORTS ) || ! check_admin_referer( self::CSV ) ) {
			wp_die( esc_html__( 'You are not allowed to download till reports.', 'ru-payments-for-woocommerce' ), 403 );
		}
		$filters = TillReport::filters( wp_unslash( $_GET ) );
		nocache_headers();
		header( 'Content-Type: text/csv; charset=utf-8' );
		header( 'Content-Disposition: attachment; filename="till-report-' . $filters['from'] . '-' . $filters['to'] . '.csv"' );
		echo TillReport::csv( $this->report->build( $filters ), ';' ); // phpcs:ignore WordPress.Security.EscapeOutput -- CSV download.
		exit;
	}

	public function save_settings(): void {
		if ( ! current_user_can( 'manage_woocommerce' ) || ! check_admin_referer( self::SETTINGS ) ) {
			wp_die( esc_html__( 'You are not allowed to change till settings.', 'ru-payments-for-woocommerce' ), 403 );
		}
		$this->settings->save( wp_unslash( $_POST ) );
		wp_safe_redirect( admin_url( 'admin.php?page=' . self::SLUG ) );
		exit;
	}

	/**
	 * @return array<string,string>
	 */
	private static function headers(): array {
		return array(
			'date'                 => __( 'Date', 'ru-payments-for-woocommerce' ),
			'order'                => __( 'Order', 'ru-payments-for-woocommerce' ),
			'till'                 => __( 'Till', 'ru-payments-for-woocommerce' ),
			'paid'                 => __( 'Paid', 'ru-payments-for-woocommerce' ),
			'refunded'             => __( 'Refunded', 'ru-payments-for-woocommerce' ),
			'net'                  => __( 'Net', 'ru-payments-for-woocommerce' ),
			'shift'                => __( 'Shift', 'ru-payments-for-woocommerce' ),
			'cashier'              => __( 'Cashier', 'ru-payments-for-woocommerce' ),
			'method'               => __( 'Method', 'ru-payments-for-woocommerce' ),
			'paymentType'          => 'paymentType',
			'status'               => __( 'Status', 'ru-payments-for-woocommerce' ),
			'paymentTransactionId' => 'paymentTransactionId',
			'refundTransactionId'  => 'refundTransactionId',
			'qrcId'                => 'qrcId',
			'kzo'                  => 'kzo',
			'errorCode'            => __( 'Error code', 'ru-payments-for-woocommerce' ),
		);
	}

	/**
	 * @param array<string,string|int> $filters Filters.
	 */
	private function filters_form( array $filters ): void {
		echo '<form method="get" class="rup-till-filters"><input type="hidden" name="page" value="' . esc_attr( self::SLUG ) . '">';
		printf( '<label>%s <input type="date" name="from" value="%s"></label> ', esc_html__( 'From', 'ru-payments-for-woocommerce' ), esc_attr( (string) $filters['from'] ) );
		printf( '<label>%s <input type="date" name="to" value="%s"></label> ', esc_html__( 'To', 'ru-payments-for-woocommerce' ), esc_attr( (string) $filters['to'] ) );
		echo '<label>' . esc_html__( 'Till', 'ru-payments-for-woocommerce' ) . ' <select name="till"><option value="">' . esc_html__( 'All', 'ru-payments-for-woocommerce' ) . '</option>';
		foreach ( $this->settings->all()['terminals'] as $till ) {
			printf( '<option value="%1$s"%2$s>%1$s</option>', esc_attr( $till ), selected( $filters['till'], $till, false ) );
		}
		echo '</select></label> <label>' . esc_html__( 'Shift', 'ru-payments-for-woocommerce' ) . ' <select name="shift"><option value="">' . esc_html__( 'All', 'ru-payments-for-woocommerce' ) . '</option>';
		foreach ( array_slice( $this->shifts->history(), 0, 50 ) as $shift ) {
			printf( '<option value="%1$s"%2$s>%1$s</option>', esc_attr( (string) $shift['id'] ), selected( $filters['shift'], (string) $shift['id'], false ) );
		}
		echo '</select></label> <label>' . esc_html__( 'Method', 'ru-payments-for-woocommerce' ) . ' <select name="method"><option value="">' . esc_html__( 'All', 'ru-payments-for-woocommerce' ) . '</option>';
		printf( '<option value="koshelek"%s>Koshelek Pay</option><option value="sber"%s>«Плати частями»</option>', selected( $filters['method'], 'koshelek', false ), selected( $filters['method'], 'sber', false ) );
		echo '</select></label> <button class="button button-primary">' . esc_html__( 'Show', 'ru-payments-for-woocommerce' ) . '</button></form>';
	}

	private function settings_form(): void {
		$settings = $this->settings->all();
		echo '<h2>' . esc_html__( 'Till settings', 'ru-payments-for-woocommerce' ) . '</h2><form method="post" action="' . esc_url( admin_url( 'admin-post.php' ) ) . '">';
		wp_nonce_field( self::SETTINGS );
		echo '<input type="hidden" name="action" value="' . esc_attr( self::SETTINGS ) . '"><table class="form-table">';
		printf( '<tr><th>%s</th><td><input name="terminals" class="regular-text" value="%s"><p class="description">%s</p></td></tr>', esc_html__( 'Tills (terminal ids)', 'ru-payments-for-woocommerce' ), esc_attr( implode( ',', $settings['terminals'] ) ), esc_html__( 'Comma-separated; each is sent to Koshelek as terminalId.', 'ru-payments-for-woocommerce' ) );
		printf( '<tr><th>%s</th><td><input name="payment_types" class="regular-text" value="%s"></td></tr>', esc_html__( 'Koshelek payment types', 'ru-payments-for-woocommerce' ), esc_attr( implode( ',', $settings['payment_types'] ) ) );
		printf( '<tr><th>%s</th><td><input name="koshelek_profile" value="%s"></td></tr>', esc_html__( 'Koshelek profile', 'ru-payments-for-woocommerce' ), esc_attr( $settings['koshelek_profile'] ) );
		printf( '<tr><th>%s</th><td><label><input type="checkbox" name="test_mode" value="1"%s> %s</label></td></tr>', esc_html__( 'Test mode', 'ru-payments-for-woocommerce' ), checked( $settings['test_mode'], true, false ), esc_html__( 'Till payments go to the simulators, never to the providers.', 'ru-payments-for-woocommerce' ) );
		echo '</table><p><button class="button button-primary">' . esc_html__( 'Save', 'ru-payments-for-woocommerce' ) . '</button></p></form>';
	}
}
