import { decodeEventLog, isAddressEqual, zeroAddress, type Hex } from "viem";

import { eblGatewayAbi } from "./abi/index.js";
import {
  assertChainId,
  inboundTransferStatuses,
  outboundTransferStatuses,
  type CrossChainNamespace,
  type ExportInput,
  type ExportReceipt,
} from "./crossChain.js";
import { assertTokenId } from "./ebl.js";
import { enumName } from "./enums.js";
import { InvalidArgumentError } from "./errors.js";
import { assertAddress, assertBytes32 } from "./guards.js";
import { action, extendWait, readContract, writeContract, type ContractContext } from "./internal/contract.js";

/** @internal Builds the namespace; use {@link createCargoRails}. */
export function createCrossChain(ctx: ContractContext<typeof eblGatewayAbi>): CrossChainNamespace {
  const exportArgs = (input: ExportInput | undefined) => {
    if (typeof input !== "object" || input === null) {
      throw new InvalidArgumentError("input", input, "{ tokenId, destinationChainId, receiver }");
    }
    const receiver = assertAddress(input.receiver, "receiver");
    if (isAddressEqual(receiver, zeroAddress)) {
      throw new InvalidArgumentError("receiver", receiver, "the holder at the destination, not the zero address");
    }
    return [assertTokenId(input.tokenId), BigInt(assertChainId(input.destinationChainId)), receiver] as const;
  };
  const ns: CrossChainNamespace = {
    address: ctx.address,
    registry: () => readContract(ctx, "registry", []),
    async transport() {
      const transport = await readContract(ctx, "transport", []);
      return transport === zeroAddress ? null : transport;
    },
    isTrustedTransport: (account) => readContract(ctx, "isTrustedTransport", [assertAddress(account, "account")]),
    paused: () => readContract(ctx, "paused", []),
    quoteExport: (input) => readContract(ctx, "quoteExport", exportArgs(input)),
    async outboundTransfer(transferId) {
      const id = assertBytes32(transferId, "transferId");
      const t = await readContract(ctx, "outboundTransfer", [id]);
      return {
        transferId: id,
        status: enumName(outboundTransferStatuses, t.status),
        tokenId: t.tokenId,
        holder: t.holder === zeroAddress ? null : t.holder,
        destinationChainId: Number(t.destinationChainId),
        custodyForTitle: t.custodyForTitle,
      };
    },
    async inboundTransfer(transferId) {
      const id = assertBytes32(transferId, "transferId");
      const t = await readContract(ctx, "inboundTransfer", [id]);
      return {
        transferId: id,
        status: enumName(inboundTransferStatuses, t.status),
        tokenId: t.tokenId,
        originChainId: Number(t.originChainId),
      };
    },
    async lastExportOf(tokenId) {
      const id = await readContract(ctx, "lastExportOf", [assertTokenId(tokenId)]);
      return /^0x0{64}$/.test(id) ? null : id;
    },

    exportBill: action(1, async (call, input) => {
      const args = exportArgs(input);
      let value = input.value;
      if (value !== undefined && (typeof value !== "bigint" || value < 0n)) {
        throw new InvalidArgumentError("value", value, "the fee in wei as a non-negative bigint");
      }
      value ??= await readContract(ctx, "quoteExport", args);
      const result = await writeContract(ctx, "crossChain.exportBill", "exportBill", args, call, value);
      return extendWait(result, ({ receipt }): ExportReceipt => {
        for (const log of receipt.logs) {
          if (!isAddressEqual(log.address, ctx.address)) continue;
          try {
            const event = decodeEventLog({ abi: eblGatewayAbi, data: log.data, topics: log.topics, strict: true });
            if (event.eventName !== "BillSent") continue;
            const a = event.args;
            return {
              transferId: a.transferId,
              messageId: a.messageId,
              tokenId: a.tokenId,
              destinationChainId: Number(a.destinationChainId),
              holder: a.holder,
              receiver: a.receiver,
            };
          } catch {
            continue; // not one of the gateway's events
          }
        }
        // A successful exportBill always emits BillSent: its absence means the address is not an EblGateway.
        throw new InvalidArgumentError(
          "addresses.eblGateway",
          ctx.address,
          "an EblGateway (no BillSent in the receipt)",
        );
      });
    }),
    restore: action(1, async (call, p) =>
      writeContract(ctx, "crossChain.restore", "restore", [assertBytes32(p?.transferId, "transferId") as Hex], call),
    ),
    setTransport: action(1, async (call, p) =>
      writeContract(ctx, "crossChain.setTransport", "setTransport", [assertAddress(p?.transport, "transport")], call),
    ),
    revokeTransport: action(1, async (call, p) =>
      writeContract(
        ctx,
        "crossChain.revokeTransport",
        "revokeTransport",
        [assertAddress(p?.transport, "transport")],
        call,
      ),
    ),
    withdrawFees: action(1, async (call, p) => {
      const to = assertAddress(p?.to, "to");
      if (typeof p.amount !== "bigint" || p.amount <= 0n) {
        throw new InvalidArgumentError("amount", p.amount, "a positive amount in wei as a bigint");
      }
      return writeContract(ctx, "crossChain.withdrawFees", "withdrawFees", [to, p.amount], call);
    }),
    pause: action(0, async (call) => writeContract(ctx, "crossChain.pause", "pause", [], call)),
    unpause: action(0, async (call) => writeContract(ctx, "crossChain.unpause", "unpause", [], call)),
  };
  return ns;
}
