import { hyperlaneTransportAbi } from "./abi/index.js";
import { accessManagedErrors, railsErrors, type ErrorTable } from "./contractErrors.js";

/**
 * Explanations of every custom error of HyperlaneTransport (the eBL gateway's transport over Hyperlane). In a module
 * of its own, which `createCargoRails` does not load (the browser bundle's 150 kB gate, sdk/README.md "Bundle size"):
 * no namespace of the client talks to the adapter, and `decodeContractError` does not know these errors.
 */
export const hyperlaneTransportErrors: ErrorTable<typeof hyperlaneTransportAbi> = {
  ...accessManagedErrors,
  ...railsErrors,
  TransportNotGateway: {
    message: ([caller]) => `${caller} is not the gateway of this transport adapter.`,
    hint: "Send eBLs to another chain through the gateway; only it sends through its adapter.",
  },
  TransportUnknownChain: {
    message: ([chainId]) => `No adapter is enrolled for chain ${chainId}: nothing can be sent there.`,
    hint: "Have the platform admin enrol the other chain's adapter (enrollRemote), or pick a chain the gateway serves.",
  },
  HyperlaneTransportInvalidDomain: {
    message: ([chainId]) => `Chain id ${chainId} cannot be a Hyperlane domain (zero, or above 2^32 - 1).`,
    hint: "Use the EIP-155 chain id of a chain whose id fits in 32 bits.",
  },
  HyperlaneTransportNotMailbox: {
    message: ([caller]) => `${caller} is not the Hyperlane Mailbox of this adapter: only the Mailbox delivers.`,
    hint: "Messages arrive through Mailbox.process, called by the relayer with the validators' signatures.",
  },
  HyperlaneTransportUnknownSender: {
    message: ([origin, sender]) => `${sender} on chain ${origin} is not the adapter enrolled for that chain.`,
    hint: "Only the gateway of the other chain, through its enrolled adapter, sends eBLs here; enrol it with enrollRemote.",
  },
  HyperlaneTransportDomainMismatch: {
    message: ([localDomain, chainId]) => `The Mailbox's domain ${localDomain} is not this chain's id ${chainId}.`,
    hint: "Deploy the Mailbox with the chain id as its local domain (scripts/lib/hyperlane/deploy.ts does).",
  },
  HyperlaneTransportInvalidIsm: {
    message: ([ism]) => `${ism} has no code: it cannot verify messages.`,
    hint: "Deploy the ISM from the static message-id multisig ISM factory first, then pass its address.",
  },
  HyperlaneTransportValueNotAccepted: {
    message: ([value]) => `The delivery carried ${value} wei; the adapter holds no funds.`,
    hint: "Relay with Mailbox.process without value.",
  },
};
