/** The registry's gated powers (legal holds, pause) and its authority, refused to everyone without the role. */
import { expect } from "chai";

import { roleId } from "../../sdk/src/index.js";
import { fixture, loadFixture, HOLD_REASON, type Fixture } from "./fixture.js";

describe("BillOfLadingRegistry — powers refused to everyone without the role", function () {
  const refusals: { name: string; act: (f: Fixture, id: bigint) => Promise<unknown> }[] = [
    { name: "placeLegalHold", act: (f, id) => f.ebl.connect(f.carrier).placeLegalHold(id, HOLD_REASON) },
    { name: "liftLegalHold", act: (f, id) => f.ebl.connect(f.carrier).liftLegalHold(id, HOLD_REASON) },
    { name: "pause", act: (f) => f.ebl.connect(f.carrier).pause() },
    { name: "unpause", act: (f) => f.ebl.connect(f.carrier).unpause() },
    // The manager's admin holds no eBL role of its own: it is refused the legal hold too.
    {
      name: "placeLegalHold by the manager's admin",
      act: (f, id) => f.ebl.connect(f.registrar).placeLegalHold(id, HOLD_REASON),
    },
  ];
  for (const r of refusals) {
    it(`refuses ${r.name} (AccessManagedUnauthorized)`, async function () {
      const f = await loadFixture(fixture);
      const id = await f.issueToOrder();
      const caller = r.name.includes("manager") ? f.registrar : f.carrier;
      await expect(r.act(f, id))
        .to.be.revertedWithCustomError(f.ebl, "AccessManagedUnauthorized")
        .withArgs(caller.address);
    });
  }

  it("refuses setAuthority to anyone but the manager itself (AccessManagedUnauthorized)", async function () {
    const { ebl, admin, manager } = await loadFixture(fixture);
    await expect(ebl.connect(admin).setAuthority(admin.address))
      .to.be.revertedWithCustomError(ebl, "AccessManagedUnauthorized")
      .withArgs(admin.address);
    expect(await ebl.authority()).to.equal(await manager.getAddress());
  });

  it("refuses a role grant in the manager to a role holder who is not the role's admin", async function () {
    const { manager, carrier } = await loadFixture(fixture);
    const issuer = roleId({ contract: "ebl", name: "ISSUER" });
    await expect(manager.connect(carrier).grantRole(issuer, carrier.address, 0))
      .to.be.revertedWithCustomError(manager, "AccessManagerUnauthorizedAccount")
      .withArgs(carrier.address, 0n);
  });
});
