import { type IncomingMessage } from 'node:http';
import { type TrustProxy } from './client-address';

/**
 * ISO 3166-1 alpha-2: the 249 officially assigned codes (no reserved or user-assigned ones such
 * as EU, UK, XK or ZZ). Licences name them, and a viewer's territory is always one of them.
 */
const CODES =
  'AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ ' +
  'BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR BS BT BV BW BY BZ ' +
  'CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ ' +
  'DE DJ DK DM DO DZ EC EE EG EH ER ES ET FI FJ FK FM FO FR ' +
  'GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW GY ' +
  'HK HM HN HR HT HU ID IE IL IM IN IO IQ IR IS IT JE JM JO JP ' +
  'KE KG KH KI KM KN KP KR KW KY KZ LA LB LC LI LK LR LS LT LU LV LY ' +
  'MA MC MD ME MF MG MH MK ML MM MN MO MP MQ MR MS MT MU MV MW MX MY MZ ' +
  'NA NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM PN PR PS PT PW PY QA ' +
  'RE RO RS RU RW SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV SX SY SZ ' +
  'TC TD TF TG TH TJ TK TL TM TN TO TR TT TV TW TZ UA UG UM US UY UZ ' +
  'VA VC VE VG VI VN VU WF WS YE YT ZA ZM ZW';

export const TERRITORIES: ReadonlySet<string> = new Set(CODES.split(' '));

/** Whether `code` is an assigned ISO 3166-1 alpha-2 code, exactly (upper case). */
export const isTerritory = (code: unknown): code is string =>
  typeof code === 'string' && TERRITORIES.has(code);

/** The header the gateway tells subgraphs the viewer's territory in (set by it, never copied from clients). */
export const VIEWER_TERRITORY_HEADER = 'x-viewer-territory';

/** DEFAULT_TERRITORY's default: where a viewer is when nothing trusted says otherwise. */
export const DEFAULT_TERRITORY = 'JP';

/** VIEWER_TERRITORY_HEADER's default: what CloudFront adds when the distribution forwards it. */
export const DEFAULT_CDN_TERRITORY_HEADER = 'CloudFront-Viewer-Country';

export interface TerritoryReading {
  /** TRUST_PROXY, compiled: the header is believed only when the request's peer is one of these. */
  trust: TrustProxy;
  /** The header that carries the territory (case-insensitive, as HTTP header names are). */
  header: string;
  /** The territory when the header is missing, untrusted or not an assigned code. */
  fallback: string;
}

/**
 * The viewer's territory as a request tells it: `header`, when the peer that sent the request (hop
 * 0) is a trusted proxy — the CDN or load balancer in front of the gateway, or the gateway in front
 * of a subgraph — and its value is an assigned ISO 3166-1 alpha-2 code (any case, trimmed);
 * otherwise `fallback`. A client that reaches the process directly cannot choose its territory.
 */
export function territoryOf(
  req: Pick<IncomingMessage, 'headers' | 'socket'>,
  reading: TerritoryReading,
): string {
  const peer = req.socket.remoteAddress;
  if (!peer || !reading.trust(peer, 0)) {
    return reading.fallback;
  }
  const raw = req.headers[reading.header.toLowerCase()];
  const value = (Array.isArray(raw) ? raw[0] : raw)?.trim().toUpperCase();
  return isTerritory(value) ? value : reading.fallback;
}
