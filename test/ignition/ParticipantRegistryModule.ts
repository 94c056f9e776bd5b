import { expect } from "chai";
import { network } from "hardhat";

import ParticipantRegistryModule from "../../ignition/modules/ParticipantRegistry.js";

const { ethers, ignition } = await network.create();

describe("Ignition: ParticipantRegistry module", function () {
  it("deploys with the deployer as admin and registrar when no parameters are given", async function () {
    const [deployer] = await ethers.getSigners();
    const { participantRegistry } = await ignition.deploy(ParticipantRegistryModule);
    const registry = await ethers.getContractAt("ParticipantRegistry", await participantRegistry.getAddress());
    expect(await registry.defaultAdmin()).to.equal(deployer.address);
    expect(await registry.hasRole(await registry.REGISTRAR_ROLE(), deployer.address)).to.equal(true);
    expect(await registry.defaultAdminDelay()).to.equal(2n * 24n * 60n * 60n);
  });

  it("takes admin, registrar and delay from parameters", async function () {
    const [, admin, registrar] = await ethers.getSigners();
    const { participantRegistry } = await ignition.deploy(ParticipantRegistryModule, {
      parameters: { ParticipantRegistry: { admin: admin.address, registrar: registrar.address, adminDelay: 3600 } },
    });
    const registry = await ethers.getContractAt("ParticipantRegistry", await participantRegistry.getAddress());
    expect(await registry.defaultAdmin()).to.equal(admin.address);
    expect(await registry.hasRole(await registry.REGISTRAR_ROLE(), registrar.address)).to.equal(true);
    expect(await registry.defaultAdminDelay()).to.equal(3600n);
  });
});
