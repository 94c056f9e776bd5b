/**
 * The indexer against a real node: anvil on 127.0.0.1, the suite deployed with Ignition, the demo's trade run
 * through the SDK; then the indexer (Ponder, `ponder start` as its own process) reads the chain and every answer it
 * gives is checked against the chain itself: each eBL's chain of entries against `ebl.history`, each deposit balance
 * against `balanceOf`, each supply against `totalSupply`, each platform gateway export against `exportOf`. A second
 * indexer on an empty database must build identical tables, and a reorganisation (anvil reverted to a snapshot, a
 * different block mined) must be followed.
 *
 * The database is embedded PGlite, or the Postgres server at `INDEXER_TEST_DATABASE_URL` when set (.ci/run starts
 * one); each run writes its own schemas.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

import { expect } from "chai";
import hre, { network } from "hardhat";
import {
  createPublicClient,
  createWalletClient,
  getAddress,
  http,
  keccak256,
  parseAbi,
  toHex,
  zeroAddress,
  zeroHash,
  type Address,
  type Hex,
  type PublicClient,
  type Transport,
} from "viem";

import { loadDeploymentPlan } from "../../ignition/plan.js";
import {
  createCargoRails,
  tokenizedDepositAbi,
  type CargoRails,
  type CargoRailsAddresses,
} from "../../sdk/src/index.js";
import { addressesFromIgnition } from "../../sdk/src/node.js";
import { pintGateway } from "../../sdk/src/pint/gateway.js";
import { startAnvil, type AnvilNode } from "../../scripts/lib/anvil.js";
import { deployCargoRails } from "../../scripts/lib/deployment.js";
import { runTradeStory, storyParties, storyPlan, type StoryParties } from "../../scripts/lib/story.js";
import { crossBankParties } from "../../scripts/lib/cross-bank-act.js";
import { startIndexer, type IndexerProcess } from "../../indexer/process.js";
import { REPO_ROOT } from "../helpers/dcsa.js";
import { toOrderDocument } from "../sdk/system.js";

const DATABASE_URL = process.env.INDEXER_TEST_DATABASE_URL || undefined;

describe(`Indexer on an anvil node (${DATABASE_URL === undefined ? "PGlite" : "Postgres"})`, function () {
  this.timeout(300_000);

  const stateDir = mkdtempSync(path.join(tmpdir(), "cargo-rails-indexer-"));
  let node: AnvilNode | undefined;
  let deploymentId = "";
  let deploymentDir = "";
  let addresses: CargoRailsAddresses;
  let parties: StoryParties;
  let publicClient: PublicClient;
  /**
   * The node's latest block number, asked directly: viem's `getBlockNumber` shares one answer between calls made
   * within its cache window or while a request is in flight, which can name a block before the test's last
   * transaction, so the indexer would be awaited too early.
   */
  const latestBlock = async (): Promise<bigint> => BigInt(await publicClient.request({ method: "eth_blockNumber" }));
  /** The eBLs sent through the platform gateway before the indexers start: so the rebuild compares their rows too. */
  const pint = { exported: 0n, returned: 0n, cancelled: 0n };
  const indexers: IndexerProcess[] = [];
  let indexer: IndexerProcess;
  let rebuilt: IndexerProcess;
  const run = `t${Date.now().toString(36)}`;

  const start = async (name: string) => {
    const started = await startIndexer({
      rpcUrl: node!.url,
      deployment: deploymentDir,
      schema: `${run}_${name}`,
      databaseUrl: DATABASE_URL,
      pgliteDirectory: path.join(stateDir, `pglite-${name}`),
    });
    indexers.push(started);
    return started;
  };
  const railsWith = (indexerUrl?: string): CargoRails =>
    createCargoRails({ publicClient, addresses, ...(indexerUrl === undefined ? {} : { indexerUrl }) });

  before(async function () {
    if (hre.globalOptions.coverage) this.skip();
    node = await startAnvil();
    deploymentId = `indexer-${node.port}`;
    deploymentDir = path.join(REPO_ROOT, "ignition/deployments", deploymentId);
    const connection = await network.create({ network: "localhost", override: { url: node.url } });
    const deployment = await deployCargoRails(connection, storyPlan(loadDeploymentPlan("localhost")), { deploymentId });
    const transport = http(node.url, { retryCount: 0, timeout: 10_000 });
    publicClient = createPublicClient({ transport, pollingInterval: 50 });
    const accounts = (await createWalletClient({ transport }).getAddresses()).map((a) => getAddress(a));
    parties = storyParties(accounts);
    addresses = await addressesFromIgnition(deploymentDir);
    await runTradeStory({
      publicClient,
      walletFor: (account: Address) => createWalletClient({ account, transport, pollingInterval: 50 }),
      addresses: { ...addresses, deposits: { HKD: addresses.deposits!.HKD! } },
      parties,
      crossBank: {
        addresses: {
          interbankPayments: getAddress(deployment.interbankPayments),
          crossBankSettlement: getAddress(deployment.crossBankSettlement),
          deposits: { HKD: getAddress(deployment.deposits.HKD!), CNH: getAddress(deployment.deposits.CNH!) },
          reserves: { HKD: getAddress(deployment.reserves.HKD!), CNH: getAddress(deployment.reserves.CNH!) },
        },
        parties: crossBankParties(accounts),
      },
      log: () => undefined,
    });
    await exportThroughPlatformGateway(publicClient, transport, addresses, parties, pint);
    // The second indexer, on its own empty database, is the rebuild: started now, it indexes alongside the first.
    [indexer, rebuilt] = await Promise.all([start("main"), start("rebuild")]);
    await indexer.waitFor(await latestBlock());
  });

  after(async function () {
    for (const started of indexers) await started.stop();
    await node?.stop();
    rmSync(stateDir, { recursive: true, force: true });
    if (deploymentId) rmSync(deploymentDir, { recursive: true, force: true });
  });

  it("indexes every eBL, and the chain of each deep-equals ebl.history read from the chain", async function () {
    const bills = await gql<{ tokenId: string }>(indexer.url, "{ ebls(limit: 1000) { items { tokenId } } }");
    expect(bills.length).to.be.greaterThan(2);
    const chain = railsWith();
    const indexed = railsWith(indexer.url);
    for (const { tokenId } of bills) {
      const fromChain = await chain.ebl!.history(BigInt(tokenId));
      const fromIndexer = await indexed.ebl!.history(BigInt(tokenId));
      expect(fromIndexer.entries, `eBL ${tokenId}`).to.deep.equal(fromChain.entries);
      expect(fromIndexer.entries.length).to.be.greaterThan(0);
    }
  });

  it("indexes every deposit balance as balanceOf and every supply as totalSupply", async function () {
    const balances = await gql<{ token: Address; account: Address; balance: string }>(
      indexer.url,
      "{ depositBalances(limit: 1000) { items { token account balance } } }",
    );
    const supplies = await gql<{ token: Address; totalSupply: string }>(
      indexer.url,
      "{ depositSupplys(limit: 1000) { items { token totalSupply } } }",
    );
    expect(balances.length).to.be.greaterThan(3);
    expect(supplies.length).to.equal(Object.keys(addresses.deposits!).length);
    for (const { token, account, balance } of balances) {
      const onChain = await publicClient.readContract({
        address: getAddress(token),
        abi: tokenizedDepositAbi,
        functionName: "balanceOf",
        args: [getAddress(account)],
      });
      expect(BigInt(balance), `${account} on ${token}`).to.equal(onChain);
    }
    for (const { token, totalSupply } of supplies) {
      const onChain = await publicClient.readContract({
        address: getAddress(token),
        abi: tokenizedDepositAbi,
        functionName: "totalSupply",
      });
      expect(BigInt(totalSupply), token).to.equal(onChain);
    }
  });

  it("answers heldBy through the indexer with what the chain scan finds, page by page", async function () {
    const bills = await gql<{ holder: Address | null }>(indexer.url, "{ ebls(limit: 1000) { items { holder } } }");
    const holders = [...new Set(bills.map((b) => b.holder).filter((h) => h !== null))].map((h) => getAddress(h!));
    expect(holders.length).to.be.greaterThan(0);
    for (const holder of [...holders, parties.importer]) {
      const viaIndexer = await railsWith(indexer.url).ebl!.heldBy(holder, { pageSize: 1 });
      const viaChain = await railsWith().ebl!.heldBy(holder, { pageSize: 1 });
      expect(viaIndexer.source).to.equal("indexer");
      expect(viaChain.source).to.equal("chain");
      expect(viaIndexer.items).to.deep.equal(viaChain.items);
      expect(viaIndexer.nextPage).to.equal(viaChain.nextPage);
    }
  });

  it("indexes the platform gateway's exports and imports as exportOf, importedUnder and the registry read them", async function () {
    const reader = pintGateway(railsWith(), addresses.platformGateway);
    const exports = await gql<Record<string, string | null>>(
      indexer.url,
      "{ platformExports(limit: 1000) { items { tokenId holder titleHolder platform envelopeReference status responseHash lockedAt } } }",
    );
    expect(exports.map((e) => [BigInt(e.tokenId!), e.status])).to.have.deep.members([
      [pint.exported, "completed"],
      [pint.returned, "returned"],
      [pint.cancelled, "cancelled"],
    ]);
    for (const row of exports) {
      const onChain = await reader.exportOf(BigInt(row.tokenId!));
      expect(
        { ...row, tokenId: BigInt(row.tokenId!), lockedAt: BigInt(row.lockedAt!) },
        `export of ${row.tokenId}`,
      ).to.deep.equal({
        tokenId: onChain.tokenId,
        holder: onChain.holder.toLowerCase(),
        titleHolder: onChain.titleHolder.toLowerCase(),
        platform: onChain.platform,
        envelopeReference: onChain.envelopeReference,
        status: onChain.status,
        responseHash: onChain.responseHash,
        lockedAt: onChain.lockedAt,
      });
    }
    const imports = await gql<{ lastChainEntryChecksum: Hex; tokenId: string; holder: Address; platform: string }>(
      indexer.url,
      "{ platformImports(limit: 1000) { items { lastChainEntryChecksum tokenId holder platform } } }",
    );
    expect(imports).to.have.length(1);
    expect(await reader.importedUnder(imports[0]!.lastChainEntryChecksum)).to.equal(pint.returned);
    expect(imports[0]).to.include({
      tokenId: pint.returned.toString(),
      holder: parties.importer.toLowerCase(),
      platform: "WAVE",
    });
    // Where each eBL lives: on the other platform while exported there, here while the registry has it live.
    const chain = railsWith();
    for (const [tokenId, status, livesOnPlatform] of [
      [pint.exported, "exported", "CARX"],
      [pint.returned, "issued", null],
      [pint.cancelled, "issued", null],
    ] as const) {
      const [row] = await gql<{ status: string; livesOnPlatform: string | null; livesOnChainId: number | null }>(
        indexer.url,
        `{ ebls(where: { tokenId: "${tokenId}" }) { items { status livesOnPlatform livesOnChainId } } }`,
      );
      expect((await chain.ebl!.bill(tokenId)).status, `registry status of ${tokenId}`).to.equal(status);
      expect(row, `eBL ${tokenId}`).to.deep.equal({
        status,
        livesOnPlatform,
        livesOnChainId: livesOnPlatform === null ? 31337 : null,
      });
    }
  });

  it("builds identical tables in a second indexer from an empty database", async function () {
    const head = await indexer.indexedBlock();
    await rebuilt.waitFor(head);
    expect(await rebuilt.indexedBlock()).to.equal(head); // nothing was mined since
    for (const table of TABLES) {
      expect(await dump(rebuilt.url, table), table).to.deep.equal(await dump(indexer.url, table));
    }
    await rebuilt.stop();
  });

  it("follows a reorganisation: a transfer reverted away is gone, the one mined instead is indexed", async function () {
    const hkd = addresses.deposits!.HKD!;
    const rails = (account: Address) =>
      createCargoRails({
        publicClient,
        walletClient: createWalletClient({ account, transport: http(node!.url), pollingInterval: 50 }),
        addresses,
      });
    const indexedBalance = async (account: Address) => {
      const rows = await gql<{ balance: string }>(
        indexer.url,
        `{ depositBalances(where: { token: "${hkd.toLowerCase()}", account: "${account.toLowerCase()}" }) { items { balance } } }`,
      );
      return rows.length === 0 ? 0n : BigInt(rows[0]!.balance);
    };
    const carrierBefore = await indexedBalance(parties.carrier);
    const snapshot = await publicClient.request({ method: "evm_snapshot" } as never);
    // Fork A: the exporter pays the carrier 1.00.
    const forkA = await (
      await rails(parties.exporter).deposits.HKD!.transfer({ to: parties.carrier, amount: "1.00" })
    ).wait();
    await indexer.waitFor(forkA.receipt.blockNumber);
    expect(await indexedBalance(parties.carrier)).to.equal(carrierBefore + 100n);
    // Back to the snapshot; fork B: the exporter pays the importer 2.00 instead, and more blocks follow.
    await publicClient.request({ method: "evm_revert", params: [snapshot] } as never);
    await (await rails(parties.exporter).deposits.HKD!.transfer({ to: parties.importer, amount: "2.00" })).wait();
    for (let i = 0; i < 3; i++) await publicClient.request({ method: "evm_mine" } as never);
    const head = await publicClient.getBlock();
    await indexer.waitFor(head.number);
    // Indexed at the new head's hash, not the old fork's block of the same height.
    expect(await indexedBalance(parties.carrier)).to.equal(carrierBefore);
    for (const account of [parties.exporter, parties.importer, parties.carrier]) {
      const onChain = await publicClient.readContract({
        address: hkd,
        abi: tokenizedDepositAbi,
        functionName: "balanceOf",
        args: [account],
      });
      expect(await indexedBalance(account), account).to.equal(onChain);
    }
  });

  it("indexes remarks, SIGN and a rejected delivery made through the registry's act entry", async function () {
    const walletFor = (account: Address) =>
      createWalletClient({ account, transport: http(node!.url), pollingInterval: 50 });
    const issued = await createCargoRails({
      publicClient,
      walletClient: walletFor(parties.carrier),
      addresses,
    }).ebl!.issue({ document: toOrderDocument("IDXREMARK0001"), shipper: parties.exporter });
    await issued.wait();
    const act = async (account: Address, action: number, party: Address, remark: string) => {
      const hash = await walletFor(account).writeContract({
        chain: null,
        address: addresses.eblRegistry!,
        abi: ACT_ABI,
        functionName: "act",
        args: [issued.tokenId, action, party, zeroHash, keccak256(toHex(remark))],
      });
      const receipt = await publicClient.waitForTransactionReceipt({ hash });
      expect(receipt.status).to.equal("success");
    };
    await act(parties.exporter, 0, parties.importer, "Delivered to the buyer"); // Transfer
    await act(parties.importer, 9, zeroAddress, "Not the goods we ordered"); // RejectTransfer
    await act(parties.exporter, 8, zeroAddress, "Signed for the record"); // Sign
    await indexer.waitFor(await latestBlock());
    const entries = await gql<{ action: string; actor: Address; holder: Address; remarkHash: string | null }>(
      indexer.url,
      `{ chainEntrys(where: { tokenId: "${issued.tokenId}" }, orderBy: "seq") { items { action actor holder remarkHash } } }`,
    );
    const lower = (a: Address) => a.toLowerCase();
    expect(entries).to.deep.equal([
      { action: "ISSUE", actor: lower(parties.carrier), holder: lower(parties.exporter), remarkHash: null },
      {
        action: "TRANSFER",
        actor: lower(parties.exporter),
        holder: lower(parties.importer),
        remarkHash: keccak256(toHex("Delivered to the buyer")),
      },
      {
        action: "TRANSFER_REJECTED",
        actor: lower(parties.importer),
        holder: lower(parties.exporter),
        remarkHash: keccak256(toHex("Not the goods we ordered")),
      },
      {
        action: "SIGN",
        actor: lower(parties.exporter),
        holder: lower(parties.exporter),
        remarkHash: keccak256(toHex("Signed for the record")),
      },
    ]);
    const held = await railsWith(indexer.url).ebl!.heldBy(parties.exporter, { pageSize: 1000 });
    expect(held.items.map((b) => b.tokenId)).to.include(issued.tokenId);
    expect(await railsWith().ebl!.holder(issued.tokenId)).to.equal(parties.exporter);
  });
});

/** The registry's holder-action entry, until the SDK's generated ABI has it. */
const ACT_ABI = parseAbi([
  "function act(uint256 tokenId, uint8 action, address party, bytes32 reasonCode, bytes32 remarkHash)",
]);

/** The tables compared by the rebuild test, by GraphQL name. */
const TABLES = [
  "ebls",
  "chainEntrys",
  "participants",
  "depositBalances",
  "depositSupplys",
  "depositMovements",
  "depositReferences",
  "settlements",
  "deals",
  "platformExports",
  "platformImports",
] as const;

/**
 * Three eBLs through the platform gateway, as the deployment wires it (the plan's `pintOperators` answer for the PINT
 * service): one exported to "CARX"; one exported and imported back from "WAVE"; one locked and refused (cancelled).
 */
async function exportThroughPlatformGateway(
  publicClient: PublicClient,
  transport: Transport,
  addresses: CargoRailsAddresses,
  parties: StoryParties,
  pint: { exported: bigint; returned: bigint; cancelled: bigint },
) {
  const operator = getAddress(loadDeploymentPlan("localhost").pintOperators![0]!);
  const as = (account: Address) =>
    createCargoRails({
      publicClient,
      walletClient: createWalletClient({ account, transport, pollingInterval: 50 }),
      addresses,
    });
  const gateway = addresses.platformGateway!;
  const lock = async (reference: string, platform: string) => {
    const issued = await as(parties.carrier).ebl!.issue({
      document: toOrderDocument(reference),
      shipper: parties.exporter,
    });
    await issued.wait();
    await (await as(parties.exporter).ebl!.approve({ tokenId: issued.tokenId, operator: gateway })).wait();
    const envelopeReference = keccak256(toHex(`envelope ${reference}`));
    await (
      await pintGateway(as(parties.exporter), gateway).lockForExport({
        tokenId: issued.tokenId,
        platform,
        envelopeReference,
      })
    ).wait();
    return issued.tokenId;
  };
  const service = pintGateway(as(operator), gateway);
  pint.exported = await lock("IDXPINT00001", "CARX");
  await (await service.completeExport({ tokenId: pint.exported, responseHash: keccak256(toHex("RECE 1")) })).wait();
  pint.returned = await lock("IDXPINT00002", "WAVE");
  await (await service.completeExport({ tokenId: pint.returned, responseHash: keccak256(toHex("RECE 2")) })).wait();
  const bill = await as(parties.exporter).ebl!.bill(pint.returned);
  await (
    await service.importFromPlatform({
      tokenId: pint.returned,
      holder: parties.importer,
      bill: {
        kind: "toOrder",
        version: bill.version,
        titleHolder: parties.importer,
        documentHash: bill.documentHash,
      },
      platform: "WAVE",
      lastChainEntryChecksum: keccak256(toHex("last chain entry 2")),
    })
  ).wait();
  pint.cancelled = await lock("IDXPINT00003", "CARX");
  await (await service.cancelExport({ tokenId: pint.cancelled, responseHash: keccak256(toHex("BSIG 3")) })).wait();
}

/** A table's rows, every column, in primary-key order (GraphQL's default order). */
async function dump(indexerUrl: string, table: string): Promise<unknown[]> {
  const typeName = table.slice(0, -1);
  const fields = await gqlRaw<{
    __type: { fields: { name: string; type: { kind: string; ofType: { kind: string } | null } }[] };
  }>(indexerUrl, `{ __type(name: "${typeName}") { fields { name type { kind ofType { kind } } } } }`);
  const scalar = fields.__type.fields
    .filter((f) => f.type.kind === "SCALAR" || f.type.ofType?.kind === "SCALAR")
    .map((f) => f.name);
  const rows = await gql<unknown>(indexerUrl, `{ ${table}(limit: 1000) { items { ${scalar.join(" ")} } } }`);
  expect(rows.length, table).to.be.lessThan(1000);
  return rows;
}

async function gqlRaw<T>(indexerUrl: string, query: string): Promise<T> {
  const response = await fetch(`${indexerUrl}/graphql`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ query }),
  });
  const body = (await response.json()) as { data?: T; errors?: unknown };
  if (body.errors !== undefined) throw new Error(JSON.stringify(body.errors));
  return body.data!;
}

async function gql<T>(indexerUrl: string, query: string): Promise<T[]> {
  return Object.values(await gqlRaw<Record<string, { items: T[] }>>(indexerUrl, query))[0]!.items;
}
