import { expect } from "chai";
import { network } from "hardhat";

import ParticipantRegistryModule from "../../ignition/modules/ParticipantRegistry.js";
import { platformRoles } from "../../sdk/src/index.js";

const { ethers, ignition } = await network.create();
const REGISTRAR = platformRoles.participants.REGISTRAR.id;

describe("Ignition: ParticipantRegistry module", function () {
  it("deploys under its own manager, the deployer its admin and registrar when no parameters are given", async function () {
    const [deployer] = await ethers.getSigners();
    const { participantRegistry, accessManager } = await ignition.deploy(ParticipantRegistryModule);
    const registry = await ethers.getContractAt("ParticipantRegistry", await participantRegistry.getAddress());
    const manager = await ethers.getContractAt("RailsAccessManager", await accessManager.getAddress());
    expect(await registry.authority()).to.equal(await manager.getAddress());
    expect(await manager.hasRole(0n, deployer.address)).to.deep.equal([true, 0n]);
    expect(await manager.hasRole(REGISTRAR, deployer.address)).to.deep.equal([true, 0n]);
    const selector = registry.interface.getFunction("register").selector;
    expect(await manager.getTargetFunctionRole(await registry.getAddress(), selector)).to.equal(REGISTRAR);
  });

  it("takes the registrar from parameters", async function () {
    const [, , registrar] = await ethers.getSigners();
    const { accessManager } = await ignition.deploy(ParticipantRegistryModule, {
      parameters: { ParticipantRegistry: { registrar: registrar.address } },
    });
    const manager = await ethers.getContractAt("RailsAccessManager", await accessManager.getAddress());
    expect(await manager.hasRole(REGISTRAR, registrar.address)).to.deep.equal([true, 0n]);
  });
});
