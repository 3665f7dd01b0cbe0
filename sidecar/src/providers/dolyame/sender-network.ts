import { BlockList, isIP } from 'node:net';

/** Membership test for the networks notifications may come from (IPv4, IPv6, IPv4-mapped IPv6). */
export class SenderNetworks {
  private readonly list = new BlockList();

  constructor(readonly networks: readonly string[]) {
    for (const network of networks) {
      const [address, prefix] = network.split('/');
      const family = isIP(address ?? '') === 6 ? 'ipv6' : 'ipv4';
      this.list.addSubnet(address!, Number(prefix), family);
    }
  }

  contains(ip: string): boolean {
    const family = isIP(ip);
    if (family === 0) return false;
    return this.list.check(ip, family === 6 ? 'ipv6' : 'ipv4');
  }
}
