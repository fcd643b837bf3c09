// No secret on the GC heap: ML-KEM key generation, encapsulation and decapsulation (valid and
// implicitly rejected) for all three parameter sets, X448, Ed25519, Ed448 and P-256/384/521 (ECDSA signing keys and
// ECDH), and X-Wing key generation, encapsulation and decapsulation, with every secret (seed d and z, the expanded decapsulation
// key, shared secrets) exported only into secret memory. Then the whole process is scanned for their first 8
// bytes outside the pools. The scanner holds only complements of what it looks for (tests/Shared/Probe/MemoryScan.cs).
using System.Buffers.Binary;
using System.Globalization;
using System.Security.Cryptography;
using NoFuture.Crypto;
using NoFuture.Crypto.Curves;
using NoFuture.Crypto.XWing;
using NoFuture.Memory;
using NoFuture.Tests.Shared.Probe;

namespace NoFuture.Crypto.Probe;

internal static class LeakScanScenario
{
    private const int Rounds = 30;

    internal static int Run()
    {
        MLKemAlgorithm[] algorithms = [MLKemAlgorithm.MLKem512, MLKemAlgorithm.MLKem768, MLKemAlgorithm.MLKem1024];
        var complements = new List<ulong>();
        var keep = new List<IDisposable>(); // half the keys stay alive: their secrets must be in the pools
        for (int round = 0; round < Rounds; round++)
        {
            MLKemAlgorithm algorithm = algorithms[round % 3];
            MlKemKey key = MlKemKey.Generate(algorithm, KeyExportPolicies.AllowPlaintextExport); // exported below on purpose
            using Secret seed = Secret.Allocate(algorithm.PrivateSeedSizeInBytes);
            using Secret dk = Secret.Allocate(algorithm.DecapsulationKeySizeInBytes);
            using Secret shared = Secret.Allocate(algorithm.SharedSecretSizeInBytes);
            using Secret decapsulated = Secret.Allocate(algorithm.SharedSecretSizeInBytes);
            using Secret rejected = Secret.Allocate(algorithm.SharedSecretSizeInBytes);
            byte[] ciphertext = new byte[algorithm.CiphertextSizeInBytes];
            using (SecretWriteLease s = seed.OpenWrite()) key.ExportPrivateSeed(s.Span);
            using (SecretWriteLease s = dk.OpenWrite()) key.ExportDecapsulationKey(s.Span);
            using (SecretWriteLease s = shared.OpenWrite()) key.Encapsulate(ciphertext, s.Span);
            using (SecretWriteLease s = decapsulated.OpenWrite()) key.Decapsulate(ciphertext, s.Span);
            ciphertext[7] ^= 1;
            using (SecretWriteLease s = rejected.OpenWrite()) key.Decapsulate(ciphertext, s.Span);
            if (!shared.FixedTimeEquals(decapsulated) || shared.FixedTimeEquals(rejected))
                throw new InvalidOperationException("ML-KEM round trip failed");

            Record(complements, seed, 0);   // d
            Record(complements, seed, 32);  // z
            Record(complements, dk, 0);     // the start of dk_PKE (the encoded secret vector s-hat)
            Record(complements, shared, 0); // K
            Record(complements, rejected, 0); // K-bar
            if (round % 2 == 0) keep.Add(key);
            else key.Dispose();
        }
        List<ulong> xwing = XWingRounds();
        List<ulong> argon2 = Argon2Rounds();
        List<ulong> curve448 = Curve448Rounds();
        List<ulong> ecdsa = EcRounds();
        List<ulong> ed25519 = Ed25519Rounds();
        GC.Collect();
        GC.WaitForPendingFinalizers();
        List<(nint, nint)> pools = MemoryScan.PoolRanges();
        Report("secrets", complements.Count);
        Report("outsidePools", MemoryScan.Count(complements, pools, insidePools: false));
        Report("insidePools", MemoryScan.Count(complements, pools, insidePools: true)); // positive control
        Report("xwingSecrets", xwing.Count);
        Report("xwingOutsidePools", MemoryScan.Count(xwing, pools, insidePools: false));
        Report("argon2Secrets", argon2.Count);
        Report("argon2OutsidePools", MemoryScan.Count(argon2, pools, insidePools: false));
        Report("curve448Secrets", curve448.Count);
        Report("curve448OutsidePools", MemoryScan.Count(curve448, pools, insidePools: false));
        Report("ecSecrets", ecdsa.Count);
        Report("ecOutsidePools", MemoryScan.Count(ecdsa, pools, insidePools: false));
        Report("ed25519Secrets", ed25519.Count);
        Report("ed25519OutsidePools", MemoryScan.Count(ed25519, pools, insidePools: false));
        foreach (IDisposable k in keep) k.Dispose();
        return 0;
    }

    /// <summary>X-Wing key generation, encapsulation and decapsulation; the seeds and shared secrets are recorded.</summary>
    private static List<ulong> XWingRounds()
    {
        var complements = new List<ulong>();
        for (int round = 0; round < 10; round++)
        {
            using XWingPrivateKey key = XWingPrivateKey.Generate(exportPolicy: KeyExportPolicies.AllowPlaintextExport);
            using Secret seed = key.ExportPrivateKey();
            byte[] ciphertext = new byte[XWingKem.CiphertextSizeInBytes];
            using Secret sent = XWingKem.Encapsulate(key.PublicKey, ciphertext);
            using Secret received = key.Decapsulate(ciphertext);
            if (!sent.FixedTimeEquals(received)) throw new InvalidOperationException("X-Wing round trip failed");
            Record(complements, seed, 0);
            Record(complements, sent, 0);
        }
        return complements;
    }

    /// <summary>
    /// Argon2: random passwords and secrets (peppers) in Secrets, every type, parallel lanes, output and
    /// PHC verification; the password, the secret and the output are recorded (two windows of the password).
    /// </summary>
    private static List<ulong> Argon2Rounds()
    {
        var complements = new List<ulong>();
        Argon2Type[] types = [Argon2Type.Argon2id, Argon2Type.Argon2i, Argon2Type.Argon2d];
        byte[] salt = new byte[16];
        for (int round = 0; round < 9; round++)
        {
            var parameters = new Argon2Parameters(types[round % 3], 256, 2, 1 + round % 4, 32);
            using Secret password = Secret.CreateRandom(40);
            using Secret pepper = Secret.CreateRandom(16);
            Secret output;
            using (SecretReadLease pw = password.OpenRead())
            using (SecretReadLease k = pepper.OpenRead())
                output = Argon2.DeriveSecret(pw.Span, salt, parameters, k.Span);
            using (output)
            {
                Record(complements, password, 0);
                Record(complements, password, 20);
                Record(complements, pepper, 0);
                Record(complements, output, 0);
            }
            using (SecretReadLease pw = password.OpenRead())
            {
                string phc = Argon2PhcString.Hash(pw.Span, parameters);
                if (!Argon2PhcString.Verify(phc, pw.Span)) throw new InvalidOperationException("Argon2 PHC round trip failed");
            }
        }
        return complements;
    }

    /// <summary>
    /// X448 (scalars of both sides and the shared secret) and Ed448 (the seed, and the prefix half of SHAKE256(seed),
    /// which the key keeps in secret memory and signing hashes in), each key generated, used and exported only into
    /// secret memory.
    /// </summary>
    private static List<ulong> Curve448Rounds()
    {
        var complements = new List<ulong>();
        byte[] message = new byte[100];
        byte[] signature = new byte[SignatureAlgorithm.Ed448.SignatureSizeInBytes];
        for (int round = 0; round < 10; round++)
        {
            using X448PrivateKey alice = X448PrivateKey.Generate(exportPolicy: KeyExportPolicies.AllowPlaintextExport);
            using X448PrivateKey bob = X448PrivateKey.Generate(exportPolicy: KeyExportPolicies.AllowPlaintextExport);
            using Secret shared = Secret.Allocate(X448.SharedSecretSizeInBytes);
            using (SecretWriteLease s = shared.OpenWrite())
                if (!alice.Agree(bob.PublicKey, s.Span)) throw new InvalidOperationException("X448 agreement failed");
            using Secret aliceScalar = alice.ExportPrivateKey();
            using Secret bobScalar = bob.ExportPrivateKey();
            Record(complements, aliceScalar, 0);
            Record(complements, bobScalar, 0);
            Record(complements, shared, 0);

            SignatureAlgorithm algorithm = round % 2 == 0 ? SignatureAlgorithm.Ed448 : SignatureAlgorithm.Ed448ph;
            using SigningKey signer = algorithm.GenerateKey(exportPolicy: KeyExportPolicies.AllowPlaintextExport);
            signer.Sign(message, signature, "leak scan"u8);
            if (!algorithm.Verify(signer.PublicKey, message, signature, "leak scan"u8)) throw new InvalidOperationException("Ed448 round trip failed");
            using Secret seed = signer.ExportPrivateKey();
            using Secret expanded = Secret.Allocate(114);
            using (SecretReadLease k = seed.OpenRead())
            using (SecretWriteLease h = expanded.OpenWrite())
                NoFuture.Crypto.Keccak.Sha3.Shake256(k.Span, h.Span); // RFC 8032 §5.2.5: s from the first half, the prefix is the second
            Record(complements, seed, 0);
            Record(complements, expanded, 57); // the prefix
        }
        return complements;
    }

    /// <summary>
    /// P-256/384/521 through the BCL (OpenSSL): ECDSA signing-key generation and signing (DER and P1363 members by
    /// turns), then ECDH with the same scalar imported into an EcdhPrivateKey. The private scalar d (two windows) and
    /// the ECDH result are recorded: the pinned arrays the BCL is handed are wiped, and OpenSSL's own
    /// copies are freed with the keys (OpenSSL clears a private BIGNUM as it frees it).
    /// </summary>
    private static List<ulong> EcRounds()
    {
        var complements = new List<ulong>();
        NistCurve[] curves = [NistCurve.P256, NistCurve.P384, NistCurve.P521];
        byte[] message = new byte[100];
        for (int round = 0; round < 9; round++)
        {
            NistCurve curve = curves[round % 3];
            SignatureAlgorithm[] ecdsa = round % 2 == 0
                ? [SignatureAlgorithm.EcdsaP256Sha256, SignatureAlgorithm.EcdsaP384Sha384, SignatureAlgorithm.EcdsaP521Sha512]
                : [SignatureAlgorithm.EcdsaP256Sha256P1363, SignatureAlgorithm.EcdsaP384Sha384P1363, SignatureAlgorithm.EcdsaP521Sha512P1363];
            SignatureAlgorithm algorithm = ecdsa[round % 3];
            using SigningKey signer = algorithm.GenerateKey(exportPolicy: KeyExportPolicies.AllowPlaintextExport);
            byte[] sig = signer.Sign(message);
            if (!algorithm.Verify(signer.PublicKey, message, sig)) throw new InvalidOperationException("ECDSA failed");
            using Secret d = signer.ExportPrivateKey();
            using EcdhPrivateKey a = EcdhPrivateKey.Import(curve, d);
            using EcdhPrivateKey b = EcdhPrivateKey.Generate(curve);
            using Secret shared = Secret.Allocate(curve.CoordinateSizeInBytes);
            using (SecretWriteLease s = shared.OpenWrite())
                if (!a.Agree(b.PublicKey, s.Span)) throw new InvalidOperationException("ECDH failed");
            Record(complements, d, 0);
            Record(complements, d, curve.CoordinateSizeInBytes - 8);
            Record(complements, shared, 0);
        }
        return complements;
    }

    /// <summary>
    /// Ed25519 through libsodium: the seed, and two windows of SHA-512(seed) (RFC 8032 §5.1.5), which
    /// crypto_sign_ed25519_detached derives on its stack for every signature: bytes 8–15 of the scalar half (unclamped
    /// there) and the start of the prefix half, which is hashed with the message for the nonce.
    /// </summary>
    private static List<ulong> Ed25519Rounds()
    {
        var complements = new List<ulong>();
        byte[] message = new byte[100];
        byte[] signature = new byte[SignatureAlgorithm.Ed25519.SignatureSizeInBytes];
        for (int round = 0; round < 10; round++)
        {
            using SigningKey signer = SignatureAlgorithm.Ed25519.GenerateKey(exportPolicy: KeyExportPolicies.AllowPlaintextExport);
            signer.Sign(message, signature);
            if (!SignatureAlgorithm.Ed25519.ImportPublicKey(signer.PublicKey).Verify(message, signature))
                throw new InvalidOperationException("Ed25519 round trip failed");
            using Secret seed = signer.ExportPrivateKey();
            using Secret expanded = Secret.Allocate(64);
            using (SecretReadLease k = seed.OpenRead())
            using (SecretWriteLease h = expanded.OpenWrite())
                HashAlgorithm.Sha512.Hash(k.Span, h.Span);
            Record(complements, seed, 0);
            Record(complements, expanded, 8);
            Record(complements, expanded, 32);
        }
        return complements;
    }

    private static void Record(List<ulong> complements, Secret secret, int offset) =>
        complements.Add(secret.Read(offset, static (s, o) => ~BinaryPrimitives.ReadUInt64LittleEndian(s[o..])));

    private static void Report(string key, object value) =>
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{key}={value}"));
}
