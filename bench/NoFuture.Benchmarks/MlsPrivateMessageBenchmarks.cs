// Goal: PrivateMessage protect + unprotect of one application message (RFC 9420 §6.3), suite 1
// (MLS_128_DHKEMX25519_AES128GCM_SHA256_Ed25519), at 1 KiB and 1 MiB, in at most 1.25× the sum of its unavoidable
// parts measured in the same run: an Ed25519 sign + verify of the signed content (SignContent over FramedContentTBS,
// §5.1.2 and §6.1) and an AES-128-GCM seal + open of PrivateMessageContent, both at the sizes the protection really
// uses. The parts are the baseline, so BenchmarkDotNet's Ratio column is the goal's figure.
// The sender and the receiver each hold a secret tree from the same encryption_secret; every invocation takes the next
// generation of leaf 0 on both sides, in order, so the receiver's window is never involved and no tree is rebuilt.
using System.Security.Cryptography;
using BenchmarkDotNet.Attributes;
using NoFuture.Crypto;
using NoFuture.Memory;
using NoFuture.Mls;
using NoFuture.Mls.Extensions;
using NoFuture.Mls.Framing;
using NoFuture.Mls.KeySchedule;
using NoFuture.Mls.SecretTree;
using NoFuture.Mls.Wire;

namespace NoFuture.Benchmarks;

/// <summary>PrivateMessage protect + unprotect (RFC 9420 §6.3), suite 1, against its signature and AEAD parts.</summary>
[Config(typeof(BenchConfig))]
[MemoryDiagnoser]
public class MlsPrivateMessageBenchmarks : IDisposable
{
    private const uint LeafCount = 2;

    private readonly MlsCipherSuite _suite = MlsCipherSuite.Mls128DhKemX25519Aes128GcmSha256Ed25519;

    private SigningKey _signingKey = null!;
    private SignaturePublicKey _publicKey = null!;
    private Secret _senderDataSecret = null!;
    private EpochSecretTree _senderTree = null!;
    private EpochSecretTree _receiverTree = null!;
    private EpochSecretTree _protectTree = null!;
    private GroupContext _context = null!;
    private FramedContent _content = null!;

    // The parts: buffers of the sizes the protection signs and seals, and a per-message-sized AEAD key in a Secret as
    // the ratchet's keys are.
    private byte[] _signed = null!;
    private byte[] _signature = null!;
    private byte[] _plaintext = null!;
    private byte[] _ciphertext = null!;
    private byte[] _tag = null!;
    private byte[] _opened = null!;
    private byte[] _aad = null!;
    private byte[] _nonce = null!;
    private Secret _aeadKey = null!;

    /// <summary>The application data's size.</summary>
    [Params(1024, 1048576)]
    public int Size { get; set; }

    /// <summary>Keys, trees, a GroupContext of realistic size and the content; the parts' buffers at the sizes the
    /// protection uses.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _signingKey = SignatureAlgorithm.Ed25519.GenerateKey();
        _publicKey = SignatureAlgorithm.Ed25519.ImportPublicKey(_signingKey.PublicKey);
        _senderDataSecret = Secret.CopyFrom(RandomNumberGenerator.GetBytes(32));
        byte[] encryptionSecret = RandomNumberGenerator.GetBytes(32);
        _senderTree = new EpochSecretTree(_suite, LeafCount, encryptionSecret);
        _receiverTree = new EpochSecretTree(_suite, LeafCount, encryptionSecret);
        _protectTree = new EpochSecretTree(_suite, LeafCount, encryptionSecret);
        byte[] groupId = RandomNumberGenerator.GetBytes(16);
        _context = new GroupContext(GroupContext.Mls10, _suite.Id, groupId, 1, RandomNumberGenerator.GetBytes(32),
            RandomNumberGenerator.GetBytes(32), ReadOnlySpan<Extension>.Empty);
        _content = FramedContent.ForApplication(groupId, 1, new Sender(SenderType.Member, 0), default,
            RandomNumberGenerator.GetBytes(Size));

        int signedSize;
        using (Secret signContent = FramedContentSignature.EncodeSignContent(WireFormat.PrivateMessage, _content, _context, out _))
            signedSize = signContent.Length;
        // One message through a throwaway pair of trees gives PrivateMessageContent's size and the AAD's.
        using (var s = new EpochSecretTree(_suite, LeafCount, encryptionSecret))
        {
            PrivateMessage m = PrivateMessageProtection.Protect(_suite, s, _senderDataSecret, _signingKey, _content, null, _context);
            _plaintext = RandomNumberGenerator.GetBytes(m.Ciphertext.Length - _suite.Aead.TagSizeInBytes);
            _aad = new byte[16 + 1 + 8 + 1 + 1];
        }
        _signed = RandomNumberGenerator.GetBytes(signedSize);
        _signature = new byte[SignatureAlgorithm.Ed25519.SignatureSizeInBytes];
        _ciphertext = new byte[_plaintext.Length];
        _opened = new byte[_plaintext.Length];
        _tag = new byte[_suite.Aead.TagSizeInBytes];
        _nonce = RandomNumberGenerator.GetBytes(_suite.Aead.NonceSizeInBytes);
        _aeadKey = Secret.CopyFrom(RandomNumberGenerator.GetBytes(_suite.Aead.KeySizeInBytes));
    }

    /// <summary>Wipes everything.</summary>
    [GlobalCleanup]
    public void Dispose()
    {
        _content.Dispose();
        _senderTree.Dispose();
        _receiverTree.Dispose();
        _protectTree.Dispose();
        _senderDataSecret.Dispose();
        _signingKey.Dispose();
        _aeadKey.Dispose();
        GC.SuppressFinalize(this);
    }

    /// <summary>The unavoidable parts: Ed25519 sign + verify of the signed content's size, AES-128-GCM seal + open of
    /// PrivateMessageContent's size.</summary>
    [Benchmark(Baseline = true)]
    public bool Parts()
    {
        _signingKey.Sign(_signed, _signature);
        bool ok = _publicKey.Verify(_signed, _signature);
        _suite.Aead.Seal(_aeadKey, _nonce, _plaintext, _ciphertext, _tag, _aad);
        return _suite.Aead.Open(_aeadKey, _nonce, _ciphertext, _tag, _opened, _aad) & ok;
    }

    /// <summary>Half of the parts (for the paired split): sign + seal.</summary>
    internal void SignSeal()
    {
        _signingKey.Sign(_signed, _signature);
        _suite.Aead.Seal(_aeadKey, _nonce, _plaintext, _ciphertext, _tag, _aad);
    }

    /// <summary>Protect alone (for the paired split), on a third tree that only sends.</summary>
    internal int ProtectOnly() =>
        PrivateMessageProtection.Protect(_suite, _protectTree, _senderDataSecret, _signingKey, _content, null, _context)
            .Ciphertext.Length;

    /// <summary>Protect then Unprotect one application message, the next generation on both trees.</summary>
    [Benchmark]
    public int ProtectUnprotect()
    {
        PrivateMessage message = PrivateMessageProtection.Protect(_suite, _senderTree, _senderDataSecret, _signingKey,
            _content, null, _context);
        using AuthenticatedContent opened = PrivateMessageProtection.Unprotect(_suite, _receiverTree, _senderDataSecret,
            message, _context, _ => _publicKey);
        return opened.Content.ApplicationDataLength;
    }
}
