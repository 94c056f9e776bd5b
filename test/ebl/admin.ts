/** The default admin's powers (roles and the two-step admin handover), refused to everyone else. */
import { expect } from "chai";

import { ethers, fixture, loadFixture } from "./fixture.js";

/** The admin started handing over to the carrier, so that the handover's later steps can be tried. */
async function handoverStarted() {
  const f = await fixture();
  await f.ebl.connect(f.admin).beginDefaultAdminTransfer(f.carrier.address);
  return f;
}

describe("BillOfLadingRegistry — admin powers refused to everyone else", function () {
  const ANY_ROLE = ethers.id("ANY_ROLE");
  const ADMIN_ROLE = ethers.ZeroHash;

  it("refuses grantRole to a non-admin (AccessControlUnauthorizedAccount)", async function () {
    const { ebl, carrier } = await loadFixture(fixture);
    await expect(ebl.connect(carrier).grantRole(ANY_ROLE, carrier.address))
      .to.be.revertedWithCustomError(ebl, "AccessControlUnauthorizedAccount")
      .withArgs(carrier.address, ADMIN_ROLE);
    expect(await ebl.hasRole(ANY_ROLE, carrier.address)).to.equal(false);
  });

  it("refuses revokeRole to a non-admin (AccessControlUnauthorizedAccount)", async function () {
    const { ebl, admin, carrier } = await loadFixture(fixture);
    const issuer = await ebl.ISSUER_ROLE();
    await expect(ebl.connect(carrier).revokeRole(issuer, carrier.address))
      .to.be.revertedWithCustomError(ebl, "AccessControlUnauthorizedAccount")
      .withArgs(carrier.address, ADMIN_ROLE);
    await expect(ebl.connect(carrier).revokeRole(ANY_ROLE, admin.address))
      .to.be.revertedWithCustomError(ebl, "AccessControlUnauthorizedAccount")
      .withArgs(carrier.address, ADMIN_ROLE);
    expect(await ebl.hasRole(issuer, carrier.address)).to.equal(true);
  });

  it("refuses beginDefaultAdminTransfer to a non-admin (AccessControlUnauthorizedAccount)", async function () {
    const { ebl, admin, carrier } = await loadFixture(fixture);
    await expect(ebl.connect(carrier).beginDefaultAdminTransfer(carrier.address))
      .to.be.revertedWithCustomError(ebl, "AccessControlUnauthorizedAccount")
      .withArgs(carrier.address, ADMIN_ROLE);
    expect((await ebl.pendingDefaultAdmin()).newAdmin).to.equal(ethers.ZeroAddress);
    expect(await ebl.defaultAdmin()).to.equal(admin.address);
  });

  it("refuses cancelDefaultAdminTransfer to a non-admin (AccessControlUnauthorizedAccount)", async function () {
    const { ebl, admin, carrier } = await loadFixture(handoverStarted);
    await expect(ebl.connect(carrier).cancelDefaultAdminTransfer())
      .to.be.revertedWithCustomError(ebl, "AccessControlUnauthorizedAccount")
      .withArgs(carrier.address, ADMIN_ROLE);
    expect((await ebl.pendingDefaultAdmin()).newAdmin).to.equal(carrier.address);
    expect(await ebl.defaultAdmin()).to.equal(admin.address);
  });

  it("refuses changeDefaultAdminDelay to a non-admin (AccessControlUnauthorizedAccount)", async function () {
    const { ebl, carrier } = await loadFixture(handoverStarted);
    await expect(ebl.connect(carrier).changeDefaultAdminDelay(0n))
      .to.be.revertedWithCustomError(ebl, "AccessControlUnauthorizedAccount")
      .withArgs(carrier.address, ADMIN_ROLE);
    expect((await ebl.pendingDefaultAdminDelay()).schedule).to.equal(0n, "no delay change scheduled");
  });

  it("refuses rollbackDefaultAdminDelay to a non-admin (AccessControlUnauthorizedAccount)", async function () {
    const { ebl, admin, carrier } = await loadFixture(handoverStarted);
    await expect(ebl.connect(carrier).rollbackDefaultAdminDelay())
      .to.be.revertedWithCustomError(ebl, "AccessControlUnauthorizedAccount")
      .withArgs(carrier.address, ADMIN_ROLE);
    expect(await ebl.defaultAdmin()).to.equal(admin.address);
  });
});
