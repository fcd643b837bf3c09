// Runs one HPKE test-vector entry (RFC 9180 Appendix A format, also used by draft-ietf-hpke-pq-04's
// test-vectors.json) end to end through the public API, plus the KEM core and the context's secrets:
//   DeriveKeyPair(ikmR/ikmS/ikmE) → skXm, pkXm; Encap with ikmE → enc, shared_secret; Decap → shared_secret;
//   SetupS / SetupR → key, base_nonce, exporter_secret; every encryption in order (sequence numbers 0, 1, ...) sealed
//   by the sender and opened by the recipient; every export from both sides; single-shot Open of the first message.
using System.Text.Json;
using NoFuture.Crypto.Hpke;
using NoFuture.Memory;

namespace NoFuture.Crypto.Tests.Hpke;

internal static class HpkeVectorRunner
{
    internal readonly record struct Counts(int Encryptions, int Exports);

    internal static byte[] Hex(JsonElement e, string name) =>
        e.TryGetProperty(name, out JsonElement v) ? Convert.FromHexString(v.GetString()!) : [];

    /// <summary>The suite of an entry, or null with the reason when one of its algorithms is not implemented.</summary>
    internal static HpkeSuite? SuiteOf(JsonElement v, out string? reason)
    {
        ushort kemId = v.GetProperty("kem_id").GetUInt16(), kdfId = v.GetProperty("kdf_id").GetUInt16(), aeadId = v.GetProperty("aead_id").GetUInt16();
        HpkeKem? kem = HpkeKem.FromId(kemId);
        HpkeKdf? kdf = HpkeKdf.FromId(kdfId);
        HpkeAead? aead = HpkeAead.FromId(aeadId);
        reason = kem is null ? $"KEM 0x{kemId:x4} is not implemented"
            : kdf is null ? $"KDF 0x{kdfId:x4} is not implemented"
            : aead is null ? $"AEAD 0x{aeadId:x4} is not implemented" : null;
        return reason is null ? new HpkeSuite(kem!, kdf!, aead!) : null;
    }

    /// <summary>
    /// Whether the exported private key is the file's skXm. Exactly, except for one documented difference in the
    /// X448 serialization: RFC 9180's own vectors give DeriveKeyPair's output as is (what we export, §7.1.3), while
    /// draft-ietf-hpke-pq-04's X448 entry gives it clamped (decodeScalar448 applied; its X25519 entry is not clamped).
    /// Clamping is part of the X448 function, so both forms are the same key (same pkXm, enc and shared_secret, which
    /// are compared exactly); for X448 the file's value may be exactly our key or exactly our key clamped, nothing else.
    /// </summary>
    private static bool SameSerializedKey(HpkeKem kem, Secret exported, byte[] expected)
    {
        if (exported.FixedTimeEquals(expected)) return true;
        if (kem.Id != 0x0021) return false;
        using SecretReadLease lease = exported.OpenRead();
        byte[] clamped = lease.Span.ToArray();
        clamped[0] &= 252;
        clamped[55] |= 128;
        return clamped.AsSpan().SequenceEqual(expected);
    }

    internal static Counts Run(HpkeSuite suite, JsonElement v)
    {
        var mode = (HpkeMode)v.GetProperty("mode").GetInt32();
        byte[] info = Hex(v, "info"), ikmR = Hex(v, "ikmR"), ikmE = Hex(v, "ikmE"), ikmS = Hex(v, "ikmS");
        byte[] pkRm = Hex(v, "pkRm"), skRm = Hex(v, "skRm"), pkSm = Hex(v, "pkSm"), skSm = Hex(v, "skSm");
        byte[] enc = Hex(v, "enc"), sharedSecret = Hex(v, "shared_secret");
        byte[] psk = Hex(v, "psk"), pskId = Hex(v, "psk_id");
        byte[] key = Hex(v, "key"), baseNonce = Hex(v, "base_nonce"), exporterSecret = Hex(v, "exporter_secret");
        HpkeKem kem = suite.Kem;
        bool auth = mode is HpkeMode.Auth or HpkeMode.AuthPsk;

        // The vectors give skXm: export (allowed explicitly, KeyExportPolicies) to compare.
        const KeyExportPolicies exportable = KeyExportPolicies.AllowPlaintextExport;
        using HpkePrivateKey skR = HpkePrivateKey.DeriveKeyPair(kem, ikmR, exportPolicy: exportable);
        Assert.Equal(pkRm, skR.PublicKey.ToArray());
        using (Secret exported = skR.ExportPrivateKey()) Assert.True(SameSerializedKey(kem, exported, skRm), "skRm");
        using HpkePrivateKey? skS = auth ? HpkePrivateKey.DeriveKeyPair(kem, ikmS, exportPolicy: exportable) : null;
        if (skS is not null)
        {
            Assert.Equal(pkSm, skS.PublicKey.ToArray());
            using Secret exported = skS.ExportPrivateKey();
            Assert.True(SameSerializedKey(kem, exported, skSm), "skSm");
        }
        if (v.TryGetProperty("pkEm", out _))
        {
            using HpkePrivateKey skE = HpkePrivateKey.DeriveKeyPair(kem, ikmE, exportPolicy: exportable); // DHKEM: the ephemeral key comes from ikmE
            Assert.Equal(Hex(v, "pkEm"), skE.PublicKey.ToArray());
            using Secret exported = skE.ExportPrivateKey();
            Assert.True(SameSerializedKey(kem, exported, Hex(v, "skEm")), "skEm");
        }

        // The KEM alone: Encap/AuthEncap with ikmE, Decap/AuthDecap.
        byte[] enc2 = new byte[kem.EncapsulatedKeySizeInBytes], ss = new byte[kem.SharedSecretSizeInBytes], ss2 = new byte[ss.Length];
        Assert.True(auth ? kem.Core.AuthEncap(pkRm, skS!, ikmE, enc2, ss) : kem.Core.Encap(pkRm, ikmE, enc2, ss));
        Assert.Equal(enc, enc2);
        Assert.Equal(sharedSecret, ss);
        Assert.True(auth ? kem.Core.AuthDecap(skR, enc, pkSm, ss2) : kem.Core.Decap(skR, enc, ss2));
        Assert.Equal(sharedSecret, ss2);

        using Secret? pskSecret = psk.Length > 0 ? Secret.CopyFrom(psk) : null;
        byte[] enc3 = new byte[kem.EncapsulatedKeySizeInBytes];
        using HpkeSenderContext sender = suite.SetupSenderDeterministic(pkRm, enc3, info, pskSecret, pskId, skS, ikmE);
        Assert.Equal(enc, enc3);
        Assert.Equal(mode, sender.Mode);
        using HpkeRecipientContext recipient = suite.SetupRecipient(skR, enc, info, pskSecret, pskId, pkSm);
        Assert.Equal(mode, recipient.Mode);
        byte[] expectedSecrets = [.. key, .. baseNonce, .. exporterSecret];
        Assert.True(sender.SecretsForTesting.FixedTimeEquals(expectedSecrets), "key || base_nonce || exporter_secret (sender)");
        Assert.True(recipient.SecretsForTesting.FixedTimeEquals(expectedSecrets), "key || base_nonce || exporter_secret (recipient)");

        int encryptions = 0;
        foreach (JsonElement e in v.GetProperty("encryptions").EnumerateArray())
        {
            byte[] aad = Hex(e, "aad"), pt = Hex(e, "pt"), ct = Hex(e, "ct"), nonce = Hex(e, "nonce");
            byte[] computedNonce = new byte[baseNonce.Length];
            HpkeContext.ComputeNonce(baseNonce, sender.SequenceNumber, computedNonce);
            Assert.Equal(nonce, computedNonce);
            if (encryptions == 0)
            {
                byte[] single = new byte[pt.Length];
                Assert.True(suite.Open(skR, enc, ct, single, info, aad, pskSecret, pskId, pkSm), "single-shot Open");
                Assert.Equal(pt, single);
            }
            byte[] sealedCt = new byte[ct.Length];
            sender.Seal(pt, sealedCt, aad);
            Assert.Equal(ct, sealedCt);
            byte[] opened = new byte[pt.Length];
            Assert.True(recipient.Open(ct, opened, aad), $"Open of message {encryptions}");
            Assert.Equal(pt, opened);
            encryptions++;
        }
        Assert.Equal((ulong)encryptions, sender.SequenceNumber);
        Assert.Equal((ulong)encryptions, recipient.SequenceNumber);

        int exports = 0;
        foreach (JsonElement x in v.GetProperty("exports").EnumerateArray())
        {
            byte[] context = Hex(x, "exporter_context"), expected = Hex(x, "exported_value");
            int length = x.GetProperty("L").GetInt32();
            byte[] fromSender = new byte[length];
            sender.Export(context, fromSender);
            Assert.Equal(expected, fromSender);
            using Secret fromRecipient = recipient.Export(context, length);
            Assert.True(fromRecipient.FixedTimeEquals(expected), "export (recipient)");
            exports++;
        }
        return new Counts(encryptions, exports);
    }
}
