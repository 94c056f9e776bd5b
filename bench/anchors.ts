/**
 * The reference implementations the benchmark measures us against, deployed into the benchmark's network.
 *
 * - TradeTrust token registry 5.5.1 and T-REX 4.1.6 are deployed from the compiled artifacts their npm packages ship
 *   (TradeTrust: solc 0.8.22, T-REX: solc 0.8.17, as their bytecode metadata says), so they run exactly as their
 *   projects build them.
 * - Seaport 1.6 (seaport-core 1.6.6) is compiled in place from node_modules by Hardhat with Seaport's own settings
 *   (hardhat.config.ts: solc 0.8.24, via IR, 4 294 967 295 optimizer runs).
 * - OpenZeppelin's ERC20 / ERC721 and the naive swap are bench/contracts, compiled with our compiler settings.
 */
import { existsSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";

import type { HardhatEthersSigner } from "@nomicfoundation/hardhat-ethers/types";
import { Contract, ContractFactory, type InterfaceAbi } from "ethers";

const require = createRequire(import.meta.url);

interface PackagedArtifact {
  contractName: string;
  abi: InterfaceAbi;
  bytecode: string;
  linkReferences?: Record<string, unknown>;
}

/** The installed directory of an npm package (found from its entry point: some packages export no other path). */
function packageRoot(name: string): string {
  let dir = path.dirname(require.resolve(name));
  while (
    !existsSync(path.join(dir, "package.json")) ||
    readJson<{ name: string }>(path.join(dir, "package.json")).name !== name
  ) {
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`cannot find the directory of npm package ${name}`);
    dir = parent;
  }
  return dir;
}

function readJson<T>(file: string): T {
  return JSON.parse(readFileSync(file, "utf8")) as T;
}

/**
 * Loads a compiled artifact shipped inside an npm package, `modulePath` being `<package>/<path in the package>`
 * (refusing any that needs library linking).
 */
function packaged(modulePath: string): PackagedArtifact {
  const scoped = modulePath.startsWith("@");
  const parts = modulePath.split("/");
  const name = parts.slice(0, scoped ? 2 : 1).join("/");
  const artifact = readJson<PackagedArtifact>(path.join(packageRoot(name), ...parts.slice(scoped ? 2 : 1)));
  if (artifact.linkReferences !== undefined && Object.keys(artifact.linkReferences).length > 0) {
    throw new Error(`${modulePath} needs library linking, which the benchmark does not do`);
  }
  return artifact;
}

/** Deploys a packaged artifact and waits for it to be mined. */
async function deployPackaged(
  modulePath: string,
  deployer: HardhatEthersSigner,
  args: unknown[] = [],
): Promise<Contract> {
  const { abi, bytecode } = packaged(modulePath);
  const contract = await new ContractFactory(abi, bytecode, deployer).deploy(...args);
  await contract.waitForDeployment();
  return new Contract(await contract.getAddress(), abi, deployer);
}

/** Attaches a packaged artifact's ABI to an address. */
function attachPackaged(modulePath: string, address: string, runner: HardhatEthersSigner): Contract {
  return new Contract(address, packaged(modulePath).abi, runner);
}

const TT = "@tradetrust-tt/token-registry/dist/artifacts";

/**
 * TradeTrust: the title-escrow factory (which deploys the TitleEscrow implementation) and a TradeTrustToken registry
 * using it. The deployer is the registry's admin, minter and accepter (burner).
 */
export async function deployTradeTrust(admin: HardhatEthersSigner) {
  const factory = await deployPackaged(`${TT}/TitleEscrowFactory.sol/TitleEscrowFactory.json`, admin);
  const registry = await deployPackaged(`${TT}/TradeTrustToken.sol/TradeTrustToken.json`, admin, [
    "TradeTrust Bench Registry",
    "TTB",
    await factory.getAddress(),
  ]);
  return {
    factory,
    registry,
    /** The title escrow of `tokenId` (a minimal proxy made by the factory at mint), for `signer` to call. */
    escrow: async (tokenId: bigint, signer: HardhatEthersSigner): Promise<Contract> =>
      attachPackaged(
        `${TT}/TitleEscrow.sol/TitleEscrow.json`,
        await factory.getEscrowAddress(await registry.getAddress(), tokenId),
        signer,
      ),
  };
}

const TREX = "@tokenysolutions/t-rex/artifacts";

const TREX_IMPL = `${TREX}/contracts/registry/implementation`;
const TREX_PROXY = `${TREX}/contracts/proxy`;
const ZERO = "0x0000000000000000000000000000000000000000";

/**
 * A T-REX token suite with an identity registry with no claim topics and no trusted issuers, and a modular compliance
 * with no module; each investor gets an ONCHAINID identity (the `Identity` contract T-REX ships) registered in the
 * identity registry.
 *
 * - `direct`: the cheapest configuration, the implementation contracts used as they are (no proxies).
 * - `proxied`: as T-REX's factory deploys a suite: every contract behind its T-REX proxy, whose implementation is looked
 *   up in a TREXImplementationAuthority on each call.
 */
export async function deployTrex(admin: HardhatEthersSigner, layout: "direct" | "proxied") {
  const implementations = {
    claimTopics: await deployPackaged(`${TREX_IMPL}/ClaimTopicsRegistry.sol/ClaimTopicsRegistry.json`, admin),
    trustedIssuers: await deployPackaged(`${TREX_IMPL}/TrustedIssuersRegistry.sol/TrustedIssuersRegistry.json`, admin),
    identityStorage: await deployPackaged(
      `${TREX_IMPL}/IdentityRegistryStorage.sol/IdentityRegistryStorage.json`,
      admin,
    ),
    identityRegistry: await deployPackaged(`${TREX_IMPL}/IdentityRegistry.sol/IdentityRegistry.json`, admin),
    compliance: await deployPackaged(
      `${TREX}/contracts/compliance/modular/ModularCompliance.sol/ModularCompliance.json`,
      admin,
    ),
    token: await deployPackaged(`${TREX}/contracts/token/Token.sol/Token.json`, admin),
  };
  const name = "T-REX Bench Token";
  let { claimTopics, trustedIssuers, identityStorage, identityRegistry, compliance, token } = implementations;

  if (layout === "direct") {
    for (const c of [claimTopics, trustedIssuers, identityStorage, compliance]) await (await c.init()).wait();
    await (
      await identityRegistry.init(
        await trustedIssuers.getAddress(),
        await claimTopics.getAddress(),
        await identityStorage.getAddress(),
      )
    ).wait();
    await (
      await token.init(await identityRegistry.getAddress(), await compliance.getAddress(), name, "TREX", 2, ZERO)
    ).wait();
  } else {
    const authority = await deployPackaged(
      `${TREX_PROXY}/authority/TREXImplementationAuthority.sol/TREXImplementationAuthority.json`,
      admin,
      [true, ZERO, ZERO],
    );
    await (
      await authority.addAndUseTREXVersion(
        { major: 4, minor: 1, patch: 6 },
        {
          tokenImplementation: await implementations.token.getAddress(),
          ctrImplementation: await implementations.claimTopics.getAddress(),
          irImplementation: await implementations.identityRegistry.getAddress(),
          irsImplementation: await implementations.identityStorage.getAddress(),
          tirImplementation: await implementations.trustedIssuers.getAddress(),
          mcImplementation: await implementations.compliance.getAddress(),
        },
      )
    ).wait();
    const ia = await authority.getAddress();
    const proxy = async (artifact: string, abiOf: Contract, args: unknown[]) =>
      new Contract(
        await (
          await deployPackaged(`${TREX_PROXY}/${artifact}.sol/${artifact}.json`, admin, [ia, ...args])
        ).getAddress(),
        abiOf.interface,
        admin,
      );
    claimTopics = await proxy("ClaimTopicsRegistryProxy", claimTopics, []);
    trustedIssuers = await proxy("TrustedIssuersRegistryProxy", trustedIssuers, []);
    identityStorage = await proxy("IdentityRegistryStorageProxy", identityStorage, []);
    identityRegistry = await proxy("IdentityRegistryProxy", identityRegistry, [
      await trustedIssuers.getAddress(),
      await claimTopics.getAddress(),
      await identityStorage.getAddress(),
    ]);
    compliance = await proxy("ModularComplianceProxy", compliance, []);
    token = await proxy("TokenProxy", token, [
      await identityRegistry.getAddress(),
      await compliance.getAddress(),
      name,
      "TREX",
      2,
      ZERO,
    ]);
  }
  await (await identityStorage.bindIdentityRegistry(await identityRegistry.getAddress())).wait();
  await (await identityRegistry.addAgent(admin.address)).wait();
  await (await token.addAgent(admin.address)).wait();
  await (await token.unpause()).wait();

  /** Deploys an ONCHAINID identity managed by `investor` and registers it (country 344, Hong Kong). */
  async function registerInvestor(investor: HardhatEthersSigner) {
    const identity = await deployPackaged(`${TREX}/@onchain-id/solidity/contracts/Identity.sol/Identity.json`, admin, [
      investor.address,
      false,
    ]);
    await (await identityRegistry.registerIdentity(investor.address, await identity.getAddress(), 344)).wait();
  }

  return { token, identityRegistry, compliance, registerInvestor };
}
