// RFC 9420 §8: the key schedule of one epoch.
//   joiner_secret  = ExpandWithLabel(KDF.Extract(salt = init_secret[n-1], ikm = commit_secret), "joiner", GroupContext[n], Nh)
//   member_prk     = KDF.Extract(salt = joiner_secret, ikm = psk_secret)
//   welcome_secret = DeriveSecret(member_prk, "welcome")
//   epoch_secret   = ExpandWithLabel(member_prk, "epoch", GroupContext[n], Nh)
//   then DeriveSecret(epoch_secret, label) for each label of the §8 table, and init_secret[n] = DeriveSecret(., "init").
// external_pub is the public half of KEM.DeriveKeyPair(external_secret) (§8.3); MLS-Exporter is §8.5. A joiner that
// got joiner_secret from a Welcome (§12.4.3.1) starts at the second line: FromJoinerSecret.
// The epoch_secret and the PRKs live only on the stack (wiped in finally); every secret kept is a Secret, wiped on
// Dispose. external_pub is derived on first use, not per epoch (see ExternalPublicKey). GroupContext is taken as its encoded bytes (public), so this file does not depend on how it is built.
using System.Security.Cryptography;
using NoFuture.Crypto;
using NoFuture.Memory;
using NoFuture.Mls.Crypto;

namespace NoFuture.Mls.KeySchedule;

/// <summary>The secrets of one MLS epoch (RFC 9420 §8), each in its own <see cref="Secret"/>.</summary>
internal sealed class EpochSecrets : IDisposable
{
    private const int MaxHashSize = 64;

    private readonly Secret _joiner, _welcome, _senderData, _encryption, _exporter, _external, _confirmation, _membership,
        _resumption, _authenticator, _init;
    private readonly Lock _externalLock = new();
    private byte[]? _externalPublicKey;
    private bool _disposed;

    private EpochSecrets(MlsCipherSuite suite, Secret[] secrets)
    {
        Suite = suite;
        (_joiner, _welcome, _senderData, _encryption, _exporter, _external, _confirmation, _membership, _resumption,
            _authenticator, _init) = (secrets[0], secrets[1], secrets[2], secrets[3], secrets[4], secrets[5], secrets[6],
            secrets[7], secrets[8], secrets[9], secrets[10]);
    }

    internal MlsCipherSuite Suite { get; }

    internal Secret JoinerSecret => Live(_joiner);

    internal Secret WelcomeSecret => Live(_welcome);

    internal Secret SenderDataSecret => Live(_senderData);

    internal Secret EncryptionSecret => Live(_encryption);

    internal Secret ExporterSecret => Live(_exporter);

    internal Secret ExternalSecret => Live(_external);

    internal Secret ConfirmationKey => Live(_confirmation);

    internal Secret MembershipKey => Live(_membership);

    internal Secret ResumptionPsk => Live(_resumption);

    internal Secret EpochAuthenticator => Live(_authenticator);

    /// <summary>init_secret for the next epoch.</summary>
    internal Secret InitSecret => Live(_init);

    /// <summary>external_pub (§8.3): the public key of KEM.DeriveKeyPair(external_secret), for the GroupInfo's
    /// external_pub extension. Derived on first use: DeriveKeyPair is a scalar multiplication (X25519) or a lattice key
    /// generation, several times the rest of the epoch, and only a member that publishes a GroupInfo with external_pub
    /// needs it.</summary>
    internal ReadOnlySpan<byte> ExternalPublicKey
    {
        get
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            byte[]? key = Volatile.Read(ref _externalPublicKey);
            if (key is not null) return key;
            lock (_externalLock)
            {
                if (_externalPublicKey is null)
                {
                    using HpkePrivateKey external = Suite.DeriveKeyPair(ExternalSecret);
                    Volatile.Write(ref _externalPublicKey, external.PublicKey.ToArray());
                }
                return _externalPublicKey;
            }
        }
    }

    /// <summary>Runs the key schedule from the previous epoch's init_secret. Each of the three secrets is Nh bytes; an
    /// empty <paramref name="commitSecret"/> or <paramref name="pskSecret"/> stands for Nh zero bytes (no path, no PSK).</summary>
    /// <exception cref="ArgumentException">A secret has the wrong length.</exception>
    internal static EpochSecrets Derive(MlsCipherSuite suite, ReadOnlySpan<byte> initSecret, ReadOnlySpan<byte> commitSecret,
        ReadOnlySpan<byte> pskSecret, ReadOnlySpan<byte> groupContext)
    {
        ArgumentNullException.ThrowIfNull(suite);
        int nh = suite.Kdf.HashSizeInBytes;
        ArgumentOutOfRangeException.ThrowIfNotEqual(initSecret.Length, nh, nameof(initSecret));
        Span<byte> zeros = stackalloc byte[MaxHashSize];
        zeros.Clear();
        ReadOnlySpan<byte> commit = SecretOrZeros(commitSecret, zeros[..nh], nameof(commitSecret));
        Span<byte> prk = stackalloc byte[MaxHashSize];
        Span<byte> joiner = stackalloc byte[MaxHashSize];
        try
        {
            suite.Kdf.Extract(commit, initSecret, prk[..nh]);
            MlsKdf.ExpandWithLabel(suite.Kdf, prk[..nh], "joiner"u8, groupContext, joiner[..nh]);
            return FromJoinerSecret(suite, joiner[..nh], pskSecret, groupContext);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(prk);
            CryptographicOperations.ZeroMemory(joiner);
        }
    }

    /// <summary>Runs the key schedule from joiner_secret (a joiner's start, from the Welcome's GroupSecrets).</summary>
    /// <exception cref="ArgumentException">A secret has the wrong length.</exception>
    internal static EpochSecrets FromJoinerSecret(MlsCipherSuite suite, ReadOnlySpan<byte> joinerSecret,
        ReadOnlySpan<byte> pskSecret, ReadOnlySpan<byte> groupContext)
    {
        ArgumentNullException.ThrowIfNull(suite);
        KdfAlgorithm kdf = suite.Kdf;
        int nh = kdf.HashSizeInBytes;
        ArgumentOutOfRangeException.ThrowIfNotEqual(joinerSecret.Length, nh, nameof(joinerSecret));
        Span<byte> zeros = stackalloc byte[MaxHashSize];
        zeros.Clear();
        ReadOnlySpan<byte> psk = SecretOrZeros(pskSecret, zeros[..nh], nameof(pskSecret));

        var secrets = new Secret[11];
        Span<byte> prk = stackalloc byte[MaxHashSize];
        Span<byte> epoch = stackalloc byte[MaxHashSize];
        try
        {
            secrets[0] = Secret.CopyFrom(joinerSecret);
            kdf.Extract(psk, joinerSecret, prk[..nh]);
            // member_prk is expanded twice ("welcome", "epoch") and epoch_secret nine times: each is keyed once (KdfKey
            // keeps HMAC's inner and outer states), which halves the hash compressions of every expansion after the first.
            using (KdfKey memberKey = kdf.ImportPrk(prk[..nh]))
            {
                secrets[1] = DeriveSecret(memberKey, "welcome", nh);
                MlsKdf.ExpandWithLabel(memberKey, "epoch"u8, groupContext, epoch[..nh]);
            }
            using (KdfKey epochKey = kdf.ImportPrk(epoch[..nh]))
            {
                // RFC 9420 §8, Table 4: the secrets derived from epoch_secret, in the order of the fields above.
                ReadOnlySpan<string> labels =
                    ["sender data", "encryption", "exporter", "external", "confirm", "membership", "resumption", "authentication", "init"];
                for (int i = 0; i < labels.Length; i++)
                    secrets[2 + i] = DeriveSecret(epochKey, labels[i], nh);
            }
            var result = new EpochSecrets(suite, secrets);
            secrets = [];
            return result;
        }
        finally
        {
            CryptographicOperations.ZeroMemory(prk);
            CryptographicOperations.ZeroMemory(epoch);
            foreach (Secret? s in secrets) s?.Dispose();
        }
    }

    /// <summary>The external key pair (§8.3), for a member that processes external commits.</summary>
    internal HpkePrivateKey CreateExternalPrivateKey() => Suite.DeriveKeyPair(ExternalSecret);

    /// <summary>MLS-Exporter(Label, Context, Length) (§8.5) =
    /// ExpandWithLabel(DeriveSecret(exporter_secret, Label), "exported", Hash(Context), Length); the length is
    /// <paramref name="destination"/>'s (1 to 65,535, and at most 255 · Nh).</summary>
    internal void Export(ReadOnlySpan<byte> label, ReadOnlySpan<byte> context, Span<byte> destination)
    {
        KdfAlgorithm kdf = Suite.Kdf;
        int nh = kdf.HashSizeInBytes;
        Span<byte> derived = stackalloc byte[MaxHashSize];
        Span<byte> contextHash = stackalloc byte[MaxHashSize];
        try
        {
            Suite.Hash.Hash(context, contextHash[..nh]);
            using (SecretReadLease exporter = ExporterSecret.OpenRead())
                MlsKdf.ExpandWithLabel(kdf, exporter.Span, label, default, derived[..nh]);
            MlsKdf.ExpandWithLabel(kdf, derived[..nh], "exported"u8, contextHash[..nh], destination);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(derived);
        }
    }

    /// <summary>Wipes every secret of the epoch.</summary>
    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        foreach (Secret s in (Secret[])[_joiner, _welcome, _senderData, _encryption, _exporter, _external, _confirmation,
            _membership, _resumption, _authenticator, _init])
            s.Dispose();
    }

    private Secret Live(Secret secret)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        return secret;
    }

    private static Secret DeriveSecret(KdfKey key, string label, int nh)
    {
        Span<byte> ascii = stackalloc byte[32];
        int n = System.Text.Encoding.ASCII.GetBytes(label, ascii);
        Secret s = Secret.Allocate(nh);
        try
        {
            using SecretWriteLease w = s.OpenWrite();
            MlsKdf.ExpandWithLabel(key, ascii[..n], default, w.Span);
            return s;
        }
        catch
        {
            s.Dispose();
            throw;
        }
    }

    private static ReadOnlySpan<byte> SecretOrZeros(ReadOnlySpan<byte> secret, ReadOnlySpan<byte> zeros, string paramName)
    {
        if (secret.IsEmpty) return zeros;
        ArgumentOutOfRangeException.ThrowIfNotEqual(secret.Length, zeros.Length, paramName);
        return secret;
    }
}
