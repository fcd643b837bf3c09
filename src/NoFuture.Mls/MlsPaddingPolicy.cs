// RFC 9420 §6.3.1: PrivateMessageContent ends in zero padding "to hide the length of the content"; how much is the
// sender's choice. A policy maps the encoded length L of PrivateMessageContent *without* padding (content, then
// FramedContentAuthData) to the padded length; the padding is the difference. The AEAD tag is added after that.
//   None:        L.
//   FixedBlock:  L rounded up to a multiple of the block size (hides the length within a block).
//   Padmé:       Nikitin et al., "Reducing Metadata Leakage from Encrypted Files and Communication with PURBs" (PETS
//                2019), §4: E = floor(log2 L), S = floor(log2 E) + 1, lastBits = E - S, mask = 2^lastBits - 1,
//                padded = (L + mask) & ~mask. At most about 12% overhead, leaking O(log log L) bits of the length.
//                For L < 2 (E = 0, log2 E undefined) the length is kept as is.
// Computed in 64-bit, so no intermediate overflows; a padded length past int.MaxValue is a caller error (no message
// that large can be sealed).
namespace NoFuture.Mls;

/// <summary>How a sender pads the content of a PrivateMessage (RFC 9420 §6.3.1) to hide its length: no padding, up to a
/// multiple of a fixed block size, or Padmé. The policy applies to the encoded PrivateMessageContent (content and
/// signature) before padding; the receiver accepts any amount of zero padding whatever its own policy.</summary>
public sealed class MlsPaddingPolicy
{
    /// <summary>The largest block size <see cref="FixedBlock"/> accepts: 1 MiB.</summary>
    public const int MaxBlockSize = 1 << 20;

    private readonly Kind _kind;

    private MlsPaddingPolicy(Kind kind, int blockSize)
    {
        _kind = kind;
        BlockSize = blockSize;
    }

    private enum Kind
    {
        None,
        FixedBlock,
        Padme,
    }

    /// <summary>No padding: the content's length is visible in the ciphertext's length.</summary>
    public static MlsPaddingPolicy None { get; } = new(Kind.None, 0);

    /// <summary>Padmé (Nikitin et al., PURBs, PETS 2019): pads a length L to the next value whose binary form keeps only
    /// its top floor(log2 floor(log2 L)) + 1 significant bits, at most about 12% overhead.</summary>
    public static MlsPaddingPolicy Padme { get; } = new(Kind.Padme, 0);

    /// <summary>Pads the content to the next multiple of <paramref name="blockSize"/> bytes.</summary>
    /// <param name="blockSize">The block size: 1 (no padding) to <see cref="MaxBlockSize"/>.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="blockSize"/> is below 1 or above
    /// <see cref="MaxBlockSize"/>.</exception>
    public static MlsPaddingPolicy FixedBlock(int blockSize)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(blockSize, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(blockSize, MaxBlockSize);
        return new MlsPaddingPolicy(Kind.FixedBlock, blockSize);
    }

    /// <summary>The block size of a <see cref="FixedBlock"/> policy; 0 for the others.</summary>
    public int BlockSize { get; }

    /// <summary>The padded length of content whose encoding without padding is <paramref name="length"/> bytes.</summary>
    /// <param name="length">The encoded PrivateMessageContent length without padding.</param>
    /// <returns>A length of at least <paramref name="length"/>; the padding is the difference.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="length"/> is negative, or the padded length would
    /// exceed <see cref="int.MaxValue"/>.</exception>
    public int PaddedLength(int length)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        long l = length;
        long padded = _kind switch
        {
            Kind.FixedBlock => (l + BlockSize - 1) / BlockSize * BlockSize,
            Kind.Padme => PadmeLength(l),
            _ => l,
        };
        if (padded > int.MaxValue)
            MlsThrowHelper.ArgumentOutOfRange(nameof(length), "The padded length exceeds the largest message this library seals.");
        return (int)padded;
    }

    /// <inheritdoc/>
    public override string ToString() => _kind switch
    {
        Kind.FixedBlock => $"FixedBlock({BlockSize})",
        Kind.Padme => "Padme",
        _ => "None",
    };

    private static long PadmeLength(long l)
    {
        if (l < 2) return l;
        int e = 63 - (int)long.LeadingZeroCount(l); // floor(log2 L), 1..30 for an int L
        int s = (31 - int.LeadingZeroCount(e)) + 1;  // floor(log2 E) + 1
        int lastBits = e - s;
        long mask = (1L << lastBits) - 1;
        return (l + mask) & ~mask;
    }
}
