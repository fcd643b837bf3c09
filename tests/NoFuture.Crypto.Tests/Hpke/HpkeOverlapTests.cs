// Every output span of every public HPKE method against every input span: an overlap throws ArgumentException naming
// the output before anything is written (the buffer holding both is unchanged afterwards). Only the in-place case the
// AEAD supports is allowed: a ciphertext or plaintext that starts exactly where its counterpart starts.
using System.Security.Cryptography;
using NoFuture.Crypto.Hpke;
using NoFuture.Memory;

namespace NoFuture.Crypto.Tests.Hpke;

public class HpkeOverlapTests
{
    private const int PlaintextLength = 64;
    private static readonly HpkeSuite Suite = new(HpkeKem.DhKemX25519HkdfSha256, HpkeKdf.HkdfSha256, HpkeAead.Aes128Gcm);
    private static readonly int Nenc = Suite.Kem.EncapsulatedKeySizeInBytes, Npk = Suite.Kem.PublicKeySizeInBytes;
    private static readonly int CiphertextLength = Suite.GetCiphertextSize(PlaintextLength);

    /// <summary>Single-shot Seal: (output, input) pairs.</summary>
    public static TheoryData<string, string> SealPairs() => new()
    {
        { "encapsulatedKey", "recipientPublicKey" }, { "encapsulatedKey", "plaintext" }, { "encapsulatedKey", "info" },
        { "encapsulatedKey", "associatedData" }, { "encapsulatedKey", "pskId" },
        { "ciphertext", "recipientPublicKey" }, { "ciphertext", "plaintext" }, { "ciphertext", "info" },
        { "ciphertext", "associatedData" }, { "ciphertext", "pskId" }, { "ciphertext", "encapsulatedKey" },
    };

    /// <summary>SetupSender: enc against each input.</summary>
    public static TheoryData<string> SetupSenderInputs() => new() { "recipientPublicKey", "info", "pskId" };

    /// <summary>Single-shot Open: the plaintext against each input.</summary>
    public static TheoryData<string> OpenInputs() => new()
    {
        "encapsulatedKey", "ciphertext", "info", "associatedData", "pskId", "senderPublicKey",
    };

    [Theory]
    [MemberData(nameof(SealPairs))]
    public void Seal_OutputOverlappingAnInput_IsRefusedBeforeAnyWrite(string output, string input)
    {
        using HpkePrivateKey skR = HpkePrivateKey.Generate(Suite.Kem);
        using Secret psk = Secret.CreateRandom(32);
        // One arena holds the input at offset 0 and the output 8 bytes in, so they overlap but do not start together.
        byte[] arena = RandomNumberGenerator.GetBytes(4096);
        int inputLength = input switch
        {
            "recipientPublicKey" => Npk,
            "plaintext" => PlaintextLength,
            "encapsulatedKey" => Nenc,
            _ => 40,
        };
        const int outputOffset = 8;
        byte[] pk = skR.PublicKey.ToArray(), pt = RandomNumberGenerator.GetBytes(PlaintextLength), enc = new byte[Nenc];
        byte[] ct = new byte[CiphertextLength], info = "info"u8.ToArray(), aad = "aad"u8.ToArray(), pskId = "id"u8.ToArray();
        void Call()
        {
            Span<byte> a = arena;
            ReadOnlySpan<byte> inputSpan = a[..inputLength];
            Span<byte> outputSpan = a.Slice(outputOffset, output == "encapsulatedKey" ? Nenc : CiphertextLength);
            Suite.Seal(
                input == "recipientPublicKey" ? inputSpan : pk,
                input == "plaintext" ? inputSpan : pt,
                output == "encapsulatedKey" ? outputSpan : input == "encapsulatedKey" ? a[..Nenc] : enc,
                output == "ciphertext" ? outputSpan : ct,
                input == "info" ? inputSpan : info,
                input == "associatedData" ? inputSpan : aad,
                psk,
                input == "pskId" ? inputSpan : pskId);
        }
        AssertRefused(output, arena, Call);
    }

    [Theory]
    [MemberData(nameof(SetupSenderInputs))]
    public void SetupSender_EncOverlappingAnInput_IsRefusedBeforeAnyWrite(string input)
    {
        using HpkePrivateKey skR = HpkePrivateKey.Generate(Suite.Kem);
        using Secret psk = Secret.CreateRandom(32);
        byte[] arena = RandomNumberGenerator.GetBytes(256), pk = skR.PublicKey.ToArray();
        void Call()
        {
            Span<byte> a = arena;
            ReadOnlySpan<byte> inputSpan = a[..(input == "recipientPublicKey" ? Npk : 40)];
            using HpkeSenderContext _ = Suite.SetupSender(
                input == "recipientPublicKey" ? inputSpan : pk,
                a.Slice(8, Nenc),
                input == "info" ? inputSpan : "info"u8,
                psk,
                input == "pskId" ? inputSpan : "id"u8);
        }
        AssertRefused("encapsulatedKey", arena, Call);
    }

    [Theory]
    [MemberData(nameof(OpenInputs))]
    public void Open_PlaintextOverlappingAnInput_IsRefusedBeforeAnyWrite(string input)
    {
        using HpkePrivateKey skR = HpkePrivateKey.Generate(Suite.Kem), skS = HpkePrivateKey.Generate(Suite.Kem);
        using Secret psk = Secret.CreateRandom(32);
        byte[] pt = RandomNumberGenerator.GetBytes(PlaintextLength), enc = new byte[Nenc], ct = new byte[CiphertextLength];
        byte[] pkS = skS.PublicKey.ToArray();
        Suite.Seal(skR.PublicKey, pt, enc, ct, "info"u8, "aad"u8, psk, "id"u8, skS);
        // The arena starts with the input (a valid copy of it, so only the overlap can be the reason to refuse).
        byte[] arena = RandomNumberGenerator.GetBytes(4096);
        byte[] inputBytes = input switch
        {
            "encapsulatedKey" => enc,
            "ciphertext" => ct,
            "info" => "info"u8.ToArray(),
            "associatedData" => "aad"u8.ToArray(),
            "pskId" => "id"u8.ToArray(),
            _ => pkS,
        };
        inputBytes.CopyTo(arena, 0);
        void Call()
        {
            Span<byte> a = arena;
            ReadOnlySpan<byte> inputSpan = a[..inputBytes.Length];
            _ = Suite.Open(skR,
                input == "encapsulatedKey" ? inputSpan : enc,
                input == "ciphertext" ? inputSpan : ct,
                a.Slice(1, PlaintextLength),
                input == "info" ? inputSpan : "info"u8,
                input == "associatedData" ? inputSpan : "aad"u8,
                psk,
                input == "pskId" ? inputSpan : "id"u8,
                input == "senderPublicKey" ? inputSpan : pkS);
        }
        AssertRefused("plaintext", arena, Call);
    }

    [Fact]
    public void Contexts_OutputOverlappingAnInput_IsRefusedBeforeAnyWrite()
    {
        using HpkePrivateKey skR = HpkePrivateKey.Generate(Suite.Kem);
        byte[] enc = new byte[Nenc];
        using HpkeSenderContext s = Suite.SetupSender(skR.PublicKey, enc);
        using HpkeRecipientContext r = Suite.SetupRecipient(skR, enc);
        byte[] arena = RandomNumberGenerator.GetBytes(512);
        AssertRefused("ciphertext", arena, () => s.Seal(arena.AsSpan(0, 16), arena.AsSpan(100, 32), arena.AsSpan(110, 8)));
        AssertRefused("ciphertext", arena, () => s.Seal(arena.AsSpan(0, 16), arena.AsSpan(1, 32)));
        AssertRefused("plaintext", arena, () => r.Open(arena.AsSpan(0, 32), arena.AsSpan(100, 16), arena.AsSpan(110, 8)));
        AssertRefused("plaintext", arena, () => r.Open(arena.AsSpan(0, 32), arena.AsSpan(1, 16)));
        AssertRefused("destination", arena, () => s.Export(arena.AsSpan(0, 40), arena.AsSpan(39, 32)));
        Assert.Equal(0ul, s.SequenceNumber);
        Assert.Equal(0ul, r.SequenceNumber);
    }

    [Fact]
    public void InPlace_SealAndOpen_Work()
    {
        using HpkePrivateKey skR = HpkePrivateKey.Generate(Suite.Kem);
        byte[] pt = RandomNumberGenerator.GetBytes(PlaintextLength), enc = new byte[Nenc];
        byte[] buffer = new byte[CiphertextLength];
        pt.CopyTo(buffer, 0);
        Suite.Seal(skR.PublicKey, buffer.AsSpan(0, PlaintextLength), enc, buffer, "info"u8);
        Assert.True(Suite.Open(skR, enc, buffer, buffer.AsSpan(0, PlaintextLength), "info"u8));
        Assert.Equal(pt, buffer[..PlaintextLength]);

        using HpkeSenderContext s = Suite.SetupSender(skR.PublicKey, enc);
        using HpkeRecipientContext r = Suite.SetupRecipient(skR, enc);
        pt.CopyTo(buffer, 0);
        s.Seal(buffer.AsSpan(0, PlaintextLength), buffer);
        Assert.True(r.Open(buffer, buffer.AsSpan(0, PlaintextLength)));
        Assert.Equal(pt, buffer[..PlaintextLength]);
    }

    private static void AssertRefused(string paramName, byte[] arena, Action call)
    {
        byte[] before = (byte[])arena.Clone();
        ArgumentException e = Assert.Throws<ArgumentException>(call);
        Assert.Equal(paramName, e.ParamName);
        Assert.Equal(before, arena);
    }
}
