#!/usr/bin/env python3
"""Verify a PhoiHop audit bundle (docs/AUDIT.md) with nothing but Python and `cryptography`.

    python3 scripts/verify_bundle.py bundle.json HUB_PUBLIC_KEY_BASE64

Exit 0 when every entry's signature verifies, the chain recomputed from the bundle reaches the
checkpoint's chain hash, and the checkpoint is signed with HUB_PUBLIC_KEY_BASE64 (your own
trusted copy of the hub's key, never the bundle's); 1 otherwise. A third party's check,
independent of PhoiHop's code.
"""
import base64, hashlib, json, struct, sys
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey


def text(s):  # 4-byte big-endian length, then UTF-8; an absent text is empty
    b = (s or "").encode()
    return struct.pack(">I", len(b)) + b


def leaf_encoding(e):
    sig = base64.b64decode(e["signature"]) if e.get("signature") else b""
    return (b"phoihop-log-v1\0" + struct.pack(">q", e["position"]) + text(e["id"]) + text(e["origin"])
            + struct.pack(">q", e["seq"]) + text(e["author"]) + text(e["type"]) + struct.pack(">q", e["schema"])
            + text(e.get("district")) + text(e.get("business")) + text(e.get("actOn"))
            + struct.pack(">qq", e["sentAt"], e["acceptedAt"])
            + hashlib.sha256(base64.b64decode(e["body"])).digest() + struct.pack(">I", len(sig)) + sig)


def act_signing_input(e):  # docs/PROTOCOL.md §4.1
    fields = [e["type"], str(e["schema"]), e["id"], e["author"], str(e["sentAt"])]
    return b"phoihop-act-v1\0" + b"".join(f.encode() + b"\0" for f in fields) + base64.b64decode(e["body"])


def act_signed(sig, message):
    """What an act's signature covers (docs/PROTOCOL.md §4.1): the act alone (a 64-byte sig), or
    the root of its batch, recomputed from its inclusion proof (RFC 9162 §2.1.3.2). None: bad proof."""
    if len(sig) == 64:
        return sig, message
    if len(sig) < 72 or (len(sig) - 72) % 32:
        return None
    index, size = struct.unpack(">II", sig[64:72])
    path = [sig[i:i + 32] for i in range(72, len(sig), 32)]
    if index >= size:
        return None
    fn, sn, r = index, size - 1, hashlib.sha256(b"\0" + message).digest()
    for p in path:
        if sn == 0:
            return None
        if fn & 1 or fn == sn:
            r = hashlib.sha256(b"\1" + p + r).digest()
            while not fn & 1 and fn:
                fn, sn = fn >> 1, sn >> 1
        else:
            r = hashlib.sha256(b"\1" + r + p).digest()
        fn, sn = fn >> 1, sn >> 1
    return (sig[:64], b"phoihop-batch-v1\0" + struct.pack(">I", size) + r) if sn == 0 else None


def verifies(key_b64, signature, message):
    try:
        Ed25519PublicKey.from_public_bytes(base64.b64decode(key_b64)).verify(signature, message)
        return True
    except (InvalidSignature, ValueError):
        return False


def main(path, trusted_hub_key):
    b = json.load(open(path))
    assert b["format"] == "phoihop-audit-bundle-v1", "not a PhoiHop audit bundle"
    cp, ok = b["checkpoint"], True
    keys = {}
    for k in b["keys"]:
        keys.setdefault(k["agency"], []).append(k["key"])

    # 1. The checkpoint, signed with the key you trust (not the one the bundle carries).
    cp_input = (b"phoihop-checkpoint-v1\0" + text(cp["signer"]) + struct.pack(">q", cp["position"])
                + bytes.fromhex(cp["chainHash"]) + struct.pack(">qq", cp["entries"], cp["signedAt"]))
    if not verifies(trusted_hub_key, base64.b64decode(cp["signature"]), cp_input):
        print("checkpoint: NOT signed by the trusted hub key"); ok = False

    # 2. Each act, signed by its author with a key the bundle lists (compare its fingerprint).
    leaves = [bytes.fromhex(h) if h else None for h in b["leafHashes"]]
    for e in b["entries"]:
        sig = base64.b64decode(e["signature"] or "")
        covered = act_signed(sig, act_signing_input(e))
        signed = covered is not None and any(verifies(k, *covered) for k in keys.get(e["author"], []))
        print(f'#{e["position"]} {e["type"]} by {e["author"]} at {e["sentAt"]}, accepted {e["acceptedAt"]}: '
              + ("signature OK" if signed else "SIGNATURE FAILS"))
        ok &= signed
        leaves[e["position"] - b["start"]] = hashlib.sha256(leaf_encoding(e)).digest()

    # 3. The chain, from the hash before the first entry to the checkpoint.
    chain = bytes.fromhex(b["previousChainHash"])
    for leaf in leaves:
        if leaf is None:
            print("a position has neither an entry nor a leaf hash"); return 1
        chain = hashlib.sha256(chain + leaf).digest()
    if chain.hex() != cp["chainHash"]:
        print("chain: does NOT reach the checkpoint's chain hash"); ok = False
    print("bundle verifies" if ok else "bundle does NOT verify")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2]))
