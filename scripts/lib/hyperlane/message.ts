/**
 * Hyperlane's message format (Message.sol in @hyperlane-xyz/core) and the ABI fragments the relayer and the
 * deployment use. A message is packed: version (1 byte), nonce (4), origin domain (4), sender (32), destination domain
 * (4), recipient (32), body; its id is the keccak256 of the whole.
 */
import { getAddress, hexToNumber, keccak256, parseAbi, size, slice, type Address, type Hex } from "viem";

export const MESSAGE_VERSION = 3;

export interface HyperlaneMessage {
  version: number;
  nonce: number;
  origin: number;
  sender: Hex;
  destination: number;
  recipient: Hex;
  body: Hex;
}

/** Reads a packed message; throws on one shorter than its 77-byte header. */
export function parseMessage(message: Hex): HyperlaneMessage {
  if (size(message) < 77) throw new Error(`a Hyperlane message has a 77-byte header; got ${size(message)} bytes`);
  return {
    version: hexToNumber(slice(message, 0, 1)),
    nonce: hexToNumber(slice(message, 1, 5)),
    origin: hexToNumber(slice(message, 5, 9)),
    sender: slice(message, 9, 41),
    destination: hexToNumber(slice(message, 41, 45)),
    recipient: slice(message, 45, 77),
    body: size(message) === 77 ? "0x" : slice(message, 77),
  };
}

/** The message id: keccak256 of the packed message, as `Message.id`. */
export function messageId(message: Hex): Hex {
  return keccak256(message);
}

/** A 32-byte Hyperlane address (left-padded) as an EVM address. */
export function bytes32ToAddress(value: Hex): Address {
  return getAddress(slice(value, 12, 32));
}

/** An EVM address left-padded to 32 bytes, as Hyperlane names senders and recipients. */
export function addressToBytes32(address: Address): Hex {
  return `0x${"00".repeat(12)}${address.slice(2).toLowerCase()}`;
}

export const mailboxAbi = parseAbi([
  "event Dispatch(address indexed sender, uint32 indexed destination, bytes32 indexed recipient, bytes message)",
  "event DispatchId(bytes32 indexed messageId)",
  "event ProcessId(bytes32 indexed messageId)",
  "function localDomain() view returns (uint32)",
  "function delivered(bytes32 messageId) view returns (bool)",
  "function recipientIsm(address recipient) view returns (address)",
  "function process(bytes metadata, bytes message) payable",
  "function initialize(address owner, address defaultIsm, address defaultHook, address requiredHook)",
  "function owner() view returns (address)",
  "function defaultIsm() view returns (address)",
  "function requiredHook() view returns (address)",
  "function defaultHook() view returns (address)",
  "function nonce() view returns (uint32)",
]);

export const merkleTreeHookAbi = parseAbi([
  "event InsertedIntoTree(bytes32 messageId, uint32 index)",
  "function root() view returns (bytes32)",
  "function count() view returns (uint32)",
]);

export const multisigIsmAbi = parseAbi([
  "function validatorsAndThreshold(bytes message) view returns (address[] validators, uint8 threshold)",
  "function moduleType() view returns (uint8)",
]);

export const staticMultisigIsmFactoryAbi = parseAbi([
  "function deploy(address[] validators, uint8 threshold) returns (address)",
  "function getAddress(address[] validators, uint8 threshold) view returns (address)",
]);
