/**
 * The system of test/sdk/system.ts with the trade documents and consent on top: TradeDocumentRegistry (wired to the
 * access manager, the admin holding DOCUMENT ADMIN), DocumentsCondition and ConsentRegistry, an inspection body, an
 * insurer and an origin authority registered, and a to-order eBL issued to the exporter. Clients come from `as`.
 */
import { createWalletClient, custom, getAddress, keccak256, toHex, type Address } from "viem";

import { createCargoRails } from "../../sdk/src/index.js";
import { grant, wire } from "../helpers/access.js";
import { createSystemChain, ONE_YEAR, toOrderDocument } from "./system.js";

export async function createTradeChain() {
  const chain = await createSystemChain();
  const all = (await createWalletClient({ transport: custom(chain.provider) }).getAddresses()).map((a) =>
    getAddress(a),
  );
  const [inspector, insurer, authority, provider] = all.slice(10, 14) as [Address, Address, Address, Address];
  const accounts = { ...chain.accounts, inspector, insurer, authority, provider };

  async function tradeSystem() {
    const sys = await chain.system();
    const { ethers } = chain.connection;
    const adminSigner = await ethers.getSigner(accounts.admin);
    const deployed = async (name: string, args: unknown[]) =>
      (await (await ethers.deployContract(name, args, adminSigner)).getAddress()) as Address;
    const { accessManager, participantRegistry } = sys.addresses;
    const tradeDocumentRegistry = await deployed("TradeDocumentRegistry", [accessManager, participantRegistry]);
    const documentsCondition = await deployed("DocumentsCondition", [tradeDocumentRegistry]);
    const consentRegistry = await deployed("ConsentRegistry", [participantRegistry, tradeDocumentRegistry]);
    const manager = await ethers.getContractAt("RailsAccessManager", accessManager, adminSigner);
    await wire(manager, adminSigner, "documents", tradeDocumentRegistry);
    await grant(manager, adminSigner, { contract: "documents", name: "ADMIN" }, accounts.admin);

    const validUntil = BigInt(Math.floor(Date.now() / 1000)) + ONE_YEAR * 5n;
    const registrar = createCargoRails({
      publicClient: chain.publicClient,
      walletClient: chain.wallet(accounts.registrar),
      addresses: { participantRegistry },
    });
    const entry = (account: Address, kinds: ("inspector" | "insurer" | "authority" | "agent")[]) => ({
      account,
      kinds,
      jurisdiction: "HK",
      validUntil,
      kycReference: keccak256(toHex(`kyc:${account}`)),
    });
    await (
      await registrar.participants.registerBatch([
        entry(inspector, ["inspector"]),
        entry(insurer, ["insurer"]),
        entry(authority, ["authority"]),
        entry(provider, ["agent"]),
      ])
    ).wait();

    const addresses = { ...sys.addresses, tradeDocumentRegistry, documentsCondition, consentRegistry };
    const as = (account: Address | undefined, local = false) =>
      createCargoRails({
        publicClient: chain.publicClient,
        walletClient: account === undefined ? undefined : local ? chain.localWallet(account) : chain.wallet(account),
        addresses,
      });
    const issued = await as(accounts.carrier).ebl.issue({
      document: toOrderDocument("SHA2HKG000421"),
      shipper: accounts.exporter,
    });
    await issued.wait();
    return {
      ...sys,
      addresses,
      as,
      tokenId: issued.tokenId,
      tradeDocumentRegistry,
      documentsCondition,
      consentRegistry,
    };
  }

  return { ...chain, accounts, tradeSystem };
}

/** A commercial invoice as JSON (the data element names after KTDDE; the values are made up). */
export function invoice(number: string, total = "25000.00") {
  return {
    invoiceNumber: number,
    issueDate: "2026-11-20",
    seller: { name: "Shanghai Export Co.", country: "CN" },
    buyer: { name: "Harbour Imports Ltd", country: "HK" },
    currency: "HKD",
    lines: [{ description: "Machine parts", quantity: 100, unitPrice: "250.00" }],
    total,
  };
}
