import { getAddress, isAddress, type Address } from "viem";

import { type EblAction, type EblHistory, toDcsaEndorsementChain, type DcsaExportOptions } from "../history.js";
import { type PintActionCode, type PintParty, type PintTransaction } from "./types.js";

/** How the rails' accounts appear as PINT parties. */
export interface PintPartyOptions {
  /** Our platform's PINT `eblPlatform` code (at most 4 characters), e.g. `"CRLS"`. */
  platform: string;
  /**
   * Maps an account to its PINT party; return `undefined` for the default: the address as `partyName`, `platform`
   * as `eblPlatform`, and the identifying code `{ codeListProvider: "W3C", codeListName: "DID", partyCode:
   * "did:pkh:eip155:<chainId>:<address>" }`.
   */
  party?: ((address: Address) => PintParty | undefined) | undefined;
  /** PINT's code for an endorsement to a named party: `"ENDORSE_TO_ORDER"` (default: an endorsee here may endorse further) or `"ENDORSE"`. */
  endorseCode?: "ENDORSE" | "ENDORSE_TO_ORDER" | undefined;
}

/** The default PINT party of an account: W3C DID `did:pkh:eip155:<chainId>:<address>`. */
export function pintPartyOf(address: Address, chainId: number, platform: string): PintParty {
  return {
    partyName: address,
    eblPlatform: platform,
    identifyingCodes: [
      { codeListProvider: "W3C", partyCode: `did:pkh:eip155:${chainId}:${address}`, codeListName: "DID" },
    ],
  };
}

/**
 * The account a PINT party names on a chain: the address of its W3C `did:pkh:eip155:<chainId>:<address>`
 * identifying code, or `null` when it has none for `chainId` (a party of another platform, known by other codes).
 */
export function addressOfPintParty(party: unknown, chainId: number): Address | null {
  if (typeof party !== "object" || party === null) return null;
  const codes = (party as { identifyingCodes?: unknown }).identifyingCodes;
  if (!Array.isArray(codes)) return null;
  const prefix = `did:pkh:eip155:${chainId}:`;
  for (const code of codes as unknown[]) {
    const { codeListProvider, partyCode } = (code ?? {}) as { codeListProvider?: unknown; partyCode?: unknown };
    if (codeListProvider !== "W3C" || typeof partyCode !== "string" || !partyCode.startsWith(prefix)) continue;
    const address = partyCode.slice(prefix.length);
    if (isAddress(address, { strict: false })) return getAddress(address);
  }
  return null;
}

/**
 * An eBL's history as PINT 3.0 transactions, oldest first: the mapping of `toDcsaEndorsementChain` (one
 * transaction per registry action; endorse-and-deliver gives ENDORSE_TO_ORDER then TRANSFER, an amendment SACC then
 * ISSUE; legal holds, exports and imports have no PINT code), with our parties as {@link PintPartyOptions} says.
 *
 * @param history What `ebl.history(tokenId)` returned.
 */
export function pintActionsFromHistory(history: EblHistory, options: PintPartyOptions): PintTransaction[] {
  const dcsa: DcsaExportOptions = {
    eblPlatform: options.platform,
    endorseCode: options.endorseCode ?? "ENDORSE_TO_ORDER",
    party: (address) => options.party?.(address) ?? pintPartyOf(address, history.chainId, options.platform),
  };
  return toDcsaEndorsementChain(history, dcsa).map((transaction) => ({ ...transaction }));
}

/**
 * What our registry records for a PINT transaction received from another platform: the registry action (the
 * `EblAction` of its history) that has the same effect, or `null` when the registry has no such action.
 *
 * - ISSUE, TRANSFER, BLANK_ENDORSE, SURRENDER_FOR_DELIVERY: the same; ENDORSE and ENDORSE_TO_ORDER: ENDORSE;
 * - SURRENDER_FOR_AMENDMENT: SWITCH_TO_PAPER_REQUESTED with reason code `SWTP`, else SURRENDER_FOR_AMENDMENT;
 * - SACC: SURRENDER_ACCEPTED (SWITCHED_TO_PAPER after an `SWTP` request: pass `afterSwitchToPaper`);
 * - SREJ: SURRENDER_REJECTED (SWITCH_TO_PAPER_CANCELLED after an `SWTP` request);
 * - SIGN: SIGN (the holder's signature while in possession; the registry's `act` with the SIGN action).
 */
export function registryActionOf(
  transaction: { actionCode: PintActionCode | string; reasonCode?: string | undefined },
  afterSwitchToPaper = false,
): EblAction | null {
  switch (transaction.actionCode) {
    case "ISSUE":
    case "TRANSFER":
    case "BLANK_ENDORSE":
    case "SURRENDER_FOR_DELIVERY":
    case "SIGN":
      return transaction.actionCode;
    case "ENDORSE":
    case "ENDORSE_TO_ORDER":
      return "ENDORSE";
    case "SURRENDER_FOR_AMENDMENT":
      return transaction.reasonCode === "SWTP" ? "SWITCH_TO_PAPER_REQUESTED" : "SURRENDER_FOR_AMENDMENT";
    case "SACC":
      return afterSwitchToPaper ? "SWITCHED_TO_PAPER" : "SURRENDER_ACCEPTED";
    case "SREJ":
      return afterSwitchToPaper ? "SWITCH_TO_PAPER_CANCELLED" : "SURRENDER_REJECTED";
    default:
      return null;
  }
}
