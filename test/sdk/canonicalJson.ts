import { expect } from "chai";

import { canonicalJson, CanonicalJsonError } from "../../sdk/src/index.js";

/** Asserts that `fn` throws a CanonicalJsonError with this reason and path. */
function expectRefusal(fn: () => unknown, reason: string, path: string) {
  try {
    fn();
  } catch (error) {
    expect(error).to.be.instanceOf(CanonicalJsonError);
    expect((error as CanonicalJsonError).reason).to.equal(reason);
    expect((error as CanonicalJsonError).path).to.equal(path);
    return;
  }
  expect.fail("expected a CanonicalJsonError");
}

describe("SDK: canonicalJson (RFC 8785)", function () {
  it("sorts member names by UTF-16 code units, not code points or locale (RFC 8785 §3.2.3)", function () {
    // U+1F600 is the surrogate pair D83D DE00, so it sorts before U+FB33 by code unit though after it by code point.
    const value = {
      "\u20ac": "Euro Sign",
      "\r": "Carriage Return",
      "\ufb33": "Hebrew Letter Dalet With Dagesh",
      "1": "One",
      "\ud83d\ude00": "Emoji: Grinning Face",
      "\u0080": "Control",
      "\u00f6": "Latin Small Letter O With Diaeresis",
      B: "upper case before lower case",
      a: "lower case",
    };
    expect(canonicalJson(value)).to.equal(
      '{"\\r":"Carriage Return","1":"One","B":"upper case before lower case","a":"lower case",' +
        '"\u0080":"Control","\u00f6":"Latin Small Letter O With Diaeresis","\u20ac":"Euro Sign",' +
        '"\ud83d\ude00":"Emoji: Grinning Face","\ufb33":"Hebrew Letter Dalet With Dagesh"}',
    );
  });

  it("writes numbers in ECMAScript's shortest form: exponents from 1e21 and below 1e-6, -0 as 0", function () {
    const cases: [number, string][] = [
      [0, "0"],
      [-0, "0"],
      [1, "1"],
      [-1.5, "-1.5"],
      [4.5, "4.5"],
      [0.002, "0.002"],
      [1e20, "100000000000000000000"],
      [1e21, "1e+21"],
      [1e30, "1e+30"],
      [0.000001, "0.000001"],
      [1e-7, "1e-7"],
      [1e-27, "1e-27"],
      [333333333.33333329, "333333333.3333333"],
      [9007199254740993, "9007199254740992"], // beyond 2^53: the double's value, as JSON.parse reads it
      [Number.MAX_VALUE, "1.7976931348623157e+308"],
      [Number.MIN_VALUE, "5e-324"],
    ];
    for (const [input, expected] of cases) {
      expect(canonicalJson(input), `${input}`).to.equal(expected);
    }
  });

  it("escapes only quote, backslash and control characters; other characters stay literal (RFC 8785 §3.2.2.2)", function () {
    const value = { string: "\u20ac$\u000f\u000aA'\u0042\u0022\u005c\\\"/\b\t\f\r\u001f\u007f\u2028" };
    expect(canonicalJson(value)).to.equal(
      '{"string":"\u20ac$\\u000f\\nA\'B\\"\\\\\\\\\\"/\\b\\t\\f\\r\\u001f\u007f\u2028"}',
    );
  });

  it("serialises the RFC's §3.2.2 example as the RFC does", function () {
    const text =
      '{"numbers": [333333333.33333329, 1E30, 4.50, 2e-3, 0.000000000000000000000000001],' +
      ' "string": "\\u20ac$\\u000F\\u000aA\'\\u0042\\u0022\\u005c\\\\\\"\\/", "literals": [null, true, false]}';
    expect(canonicalJson(JSON.parse(text))).to.equal(
      '{"literals":[null,true,false],"numbers":[333333333.3333333,1e+30,4.5,0.002,1e-27],' +
        '"string":"\u20ac$\\u000f\\nA\'B\\"\\\\\\\\\\"/"}',
    );
  });

  it("nests arrays and objects without whitespace and keeps array order", function () {
    expect(canonicalJson({ z: [3, { b: null, a: [] }, "x"], y: {} })).to.equal(
      '{"y":{},"z":[3,{"a":[],"b":null},"x"]}',
    );
  });

  it("is idempotent and independent of member order and formatting", function () {
    const a = canonicalJson({ b: 1, a: { d: [1, 2], c: "x" } });
    const b = canonicalJson(JSON.parse('{ "a" : { "c" : "x", "d" : [ 1 , 2 ] } ,\n "b" : 1.0 }'));
    expect(a).to.equal(b);
    expect(canonicalJson(JSON.parse(a))).to.equal(a);
  });

  it("accepts shared (non-cyclic) references", function () {
    const shared = { k: 1 };
    expect(canonicalJson({ a: shared, b: [shared] })).to.equal('{"a":{"k":1},"b":[{"k":1}]}');
  });

  it("refuses values JSON cannot hold, with a typed error saying where", function () {
    expectRefusal(() => canonicalJson({ a: [1, NaN] }), "non-finite-number", "$.a[1]");
    expectRefusal(() => canonicalJson({ a: Infinity }), "non-finite-number", "$.a");
    expectRefusal(() => canonicalJson({ a: -Infinity }), "non-finite-number", "$.a");
    expectRefusal(() => canonicalJson({ a: { b: undefined } }), "undefined", "$.a.b");
    expectRefusal(() => canonicalJson([undefined]), "undefined", "$[0]");
    expectRefusal(() => canonicalJson({ amount: 10n }), "bigint", "$.amount");
    expectRefusal(() => canonicalJson({ f: () => 1 }), "unsupported-type", "$.f");
    expectRefusal(() => canonicalJson({ s: Symbol("x") }), "unsupported-type", "$.s");
    expectRefusal(() => canonicalJson({ d: new Date(0) }), "unsupported-type", "$.d");
    expectRefusal(() => canonicalJson({ m: new Map() }), "unsupported-type", "$.m");
    expectRefusal(() => canonicalJson({ "odd key": "\ud800" }), "lone-surrogate", '$["odd key"]');
    expectRefusal(() => canonicalJson({ ["\udc00"]: 1 }), "lone-surrogate", '$["\\udc00"]');
  });

  it("refuses cycles, in objects and in arrays", function () {
    const object: Record<string, unknown> = { a: 1 };
    object.self = object;
    expectRefusal(() => canonicalJson(object), "cycle", "$.self");
    const array: unknown[] = [1];
    array.push({ back: array });
    expectRefusal(() => canonicalJson(array), "cycle", "$[1].back");
  });

  it("gives an error with a hint and a path in its message", function () {
    try {
      canonicalJson({ x: 1n });
      expect.fail("expected a throw");
    } catch (error) {
      const e = error as CanonicalJsonError;
      expect(e.name).to.equal("CanonicalJsonError");
      expect(e.shortMessage).to.contain("$.x");
      expect(e.hint).to.contain("bigint");
      expect(e.message).to.contain("Hint:");
    }
  });
});
