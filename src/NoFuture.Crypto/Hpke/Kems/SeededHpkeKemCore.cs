// The HPKE KEMs whose private key is a seed that the family expands into a cached form right behind it in the key's
// Secret (ML-KEM: d || z, then dk; X-Wing: sk, then sk_M || sk_X). Generate draws the seed from the OS CSPRNG,
// DeriveKeyPair takes it from SHAKE256.LabeledDerive(ikm, "DeriveKeyPair", "", Nsk) (draft-ietf-hpke-pq-04 §4) and
// Import copies it; each family only says how to expand. The seed is written straight into secret memory.
using System.Security.Cryptography;
using NoFuture.Memory;

namespace NoFuture.Crypto.Hpke.Kems;

internal abstract class SeededHpkeKemCore : HpkeKemCore
{
    private enum SeedSource { Random, Derived, Imported }

    private readonly int _keySize;

    private protected SeededHpkeKemCore(ushort id, int nsecret, int nenc, int npk, int nsk, int expandedSize, int encapRandomness)
        : base(id, nsecret, nenc, npk, nsk, encapRandomness, auth: false)
    {
        _keySize = nsk + expandedSize;
    }

    internal sealed override HpkePrivateKey Generate(SecretOptions? options) => Create(SeedSource.Random, default, options);

    internal sealed override HpkePrivateKey DeriveKeyPair(ReadOnlySpan<byte> ikm, SecretOptions? options) =>
        Create(SeedSource.Derived, ikm, options);

    internal sealed override HpkePrivateKey Import(ReadOnlySpan<byte> privateKey, SecretOptions? options) =>
        Create(SeedSource.Imported, privateKey, options);

    /// <summary>Writes the public key and the expanded form behind the seed (<c>builder.Key[..Nsk]</c>), then finishes the builder.</summary>
    private protected abstract HpkePrivateKey Expand(ref HpkeKeyBuilder builder);

    private HpkePrivateKey Create(SeedSource source, ReadOnlySpan<byte> input, SecretOptions? options)
    {
        HpkeKeyBuilder builder = new(this, _keySize, options);
        try
        {
            Span<byte> seed = builder.Key[..PrivateKeySize];
            switch (source)
            {
                case SeedSource.Random:
                    RandomNumberGenerator.Fill(seed);
                    break;
                case SeedSource.Derived:
                    HpkeKdf.LabeledDerive(shake128: false, SuiteId, input, HpkeLabels.DeriveKeyPair, default, seed);
                    break;
                default:
                    input.CopyTo(seed);
                    break;
            }
            return Expand(ref builder);
        }
        catch
        {
            builder.Abort();
            throw;
        }
    }
}
