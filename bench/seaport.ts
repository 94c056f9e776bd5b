/**
 * Seaport 1.6 basic orders for the benchmark: an ERC-721 listed for an ERC-20 price, no fees, no conduit, no zone,
 * signed by the offerer (EIP-712 OrderComponents) and filled by the buyer with `fulfillBasicOrder`.
 */
import type { HardhatEthersSigner } from "@nomicfoundation/hardhat-ethers/types";
import { type Contract, ethers, type TypedDataDomain } from "ethers";

/** Seaport's ItemType. */
const ItemType = { NATIVE: 0, ERC20: 1, ERC721: 2 } as const;
/** Seaport's BasicOrderType: the fulfiller pays ERC-20 and receives an ERC-721, full fill, no zone. */
const ERC20_TO_ERC721_FULL_OPEN = 8;

const ORDER_TYPES = {
  OrderComponents: [
    { name: "offerer", type: "address" },
    { name: "zone", type: "address" },
    { name: "offer", type: "OfferItem[]" },
    { name: "consideration", type: "ConsiderationItem[]" },
    { name: "orderType", type: "uint8" },
    { name: "startTime", type: "uint256" },
    { name: "endTime", type: "uint256" },
    { name: "zoneHash", type: "bytes32" },
    { name: "salt", type: "uint256" },
    { name: "conduitKey", type: "bytes32" },
    { name: "counter", type: "uint256" },
  ],
  OfferItem: [
    { name: "itemType", type: "uint8" },
    { name: "token", type: "address" },
    { name: "identifierOrCriteria", type: "uint256" },
    { name: "startAmount", type: "uint256" },
    { name: "endAmount", type: "uint256" },
  ],
  ConsiderationItem: [
    { name: "itemType", type: "uint8" },
    { name: "token", type: "address" },
    { name: "identifierOrCriteria", type: "uint256" },
    { name: "startAmount", type: "uint256" },
    { name: "endAmount", type: "uint256" },
    { name: "recipient", type: "address" },
  ],
};

export interface BasicOrderParameters {
  considerationToken: string;
  considerationIdentifier: bigint;
  considerationAmount: bigint;
  offerer: string;
  zone: string;
  offerToken: string;
  offerIdentifier: bigint;
  offerAmount: bigint;
  basicOrderType: number;
  startTime: bigint;
  endTime: bigint;
  zoneHash: string;
  salt: bigint;
  offererConduitKey: string;
  fulfillerConduitKey: string;
  totalOriginalAdditionalRecipients: bigint;
  additionalRecipients: { amount: bigint; recipient: string }[];
  signature: string;
}

/**
 * The offerer's signed listing of `nft` #`tokenId` for `price` of `token`, as `fulfillBasicOrder` parameters.
 * The order is valid from `startTime` to `endTime` (seconds). `seaport` is an untyped ethers Contract: the bench build
 * generates no typechain types (hardhat.bench.config.ts), so the results of its views are typed here.
 */
export async function signListing(
  seaport: Contract,
  offerer: HardhatEthersSigner,
  nft: string,
  tokenId: bigint,
  token: string,
  price: bigint,
  chainId: bigint,
  startTime: bigint,
  endTime: bigint,
): Promise<BasicOrderParameters> {
  const [version]: [string, string, string] = await seaport.information();
  const domain: TypedDataDomain = { name: "Seaport", version, chainId, verifyingContract: await seaport.getAddress() };
  const salt = BigInt(ethers.id(`listing:${nft}:${tokenId}`));
  const components = {
    offerer: offerer.address,
    zone: ethers.ZeroAddress,
    offer: [{ itemType: ItemType.ERC721, token: nft, identifierOrCriteria: tokenId, startAmount: 1n, endAmount: 1n }],
    consideration: [
      {
        itemType: ItemType.ERC20,
        token,
        identifierOrCriteria: 0n,
        startAmount: price,
        endAmount: price,
        recipient: offerer.address,
      },
    ],
    orderType: 0, // FULL_OPEN
    startTime,
    endTime,
    zoneHash: ethers.ZeroHash,
    salt,
    conduitKey: ethers.ZeroHash,
    counter: (await seaport.getCounter(offerer.address)) as bigint,
  };
  const signature = await offerer.signTypedData(domain, ORDER_TYPES, components);
  return {
    considerationToken: token,
    considerationIdentifier: 0n,
    considerationAmount: price,
    offerer: offerer.address,
    zone: ethers.ZeroAddress,
    offerToken: nft,
    offerIdentifier: tokenId,
    offerAmount: 1n,
    basicOrderType: ERC20_TO_ERC721_FULL_OPEN,
    startTime,
    endTime,
    zoneHash: ethers.ZeroHash,
    salt,
    offererConduitKey: ethers.ZeroHash,
    fulfillerConduitKey: ethers.ZeroHash,
    totalOriginalAdditionalRecipients: 0n,
    additionalRecipients: [],
    signature,
  };
}
