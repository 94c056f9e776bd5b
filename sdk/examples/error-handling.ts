// What to do with each error the SDK throws. Every one extends CargoRailsError; a contract's refusal is a
// ContractRevertError whose errorName is the contract's custom error, with args typed once narrowed on it.
import type { Address } from "viem";

import {
  AmountPrecisionError,
  CargoRailsError,
  ContractNotDeployedError,
  ContractRevertError,
  RpcConnectionError,
  decodeRevertData,
  isContractRevert,
  participantRegistryAbi,
  type CargoRails,
} from "@cargo-rails/sdk";

export async function payOrExplain(importer: CargoRails, exporter: Address, amount: string) {
  try {
    const { wait } = await importer.deposit("HKD").transfer({ to: exporter, amount });
    await wait();
  } catch (error) {
    if (error instanceof AmountPrecisionError) {
      // Input refused before any request: more decimals than the token has. Nothing was rounded, nothing sent.
      console.error(error.shortMessage);
    } else if (error instanceof ContractRevertError && error.errorName === "DepositAccountFrozen") {
      // The simulation reverted: the contract refuses in the current state, and no transaction was sent.
      console.error(`${error.shortMessage} ${error.hint ?? ""}`);
    } else if (error instanceof ContractNotDeployedError) {
      console.error(`no contract at ${error.address} on chain ${error.chainId}: check the addresses`);
    } else if (error instanceof RpcConnectionError) {
      console.error("the node is unreachable: retry once it is up");
    } else if (error instanceof CargoRailsError) {
      console.error(error.name, error.shortMessage, error.details);
    } else {
      throw error;
    }
  }
}

export async function revokeOrExplain(registrar: CargoRails, account: Address) {
  try {
    await (await registrar.participants.revoke({ account })).wait();
  } catch (error) {
    // Narrowed by name against an ABI: args are typed from the custom error's inputs.
    if (isContractRevert(error, participantRegistryAbi, "AccessManagedUnauthorized")) {
      const [caller] = error.args;
      console.error(`${caller} holds no role allowed to revoke: ${error.shortMessage}`);
    } else {
      throw error;
    }
  }
}

/** The `reason` bytes of a BatchItemFailed or ReturnFailed event, decoded against every contract of the rails. */
export function explainReason(reason: `0x${string}`): string {
  const error = decodeRevertData(reason);
  return `${error.errorName}: ${error.shortMessage}`;
}
