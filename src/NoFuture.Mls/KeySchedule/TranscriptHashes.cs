// RFC 9420 §8.2: the transcript hashes and the confirmation tag.
//   struct { WireFormat wire_format; FramedContent content; /* content_type = commit */ opaque signature<V>; }
//       ConfirmedTranscriptHashInput;
//   struct { MAC confirmation_tag; } InterimTranscriptHashInput;            // MAC = opaque<V>
//   confirmed_transcript_hash_[n] = Hash(interim_transcript_hash_[n-1] || ConfirmedTranscriptHashInput_[n])
//   interim_transcript_hash_[n]   = Hash(confirmed_transcript_hash_[n] || InterimTranscriptHashInput_[n])
//   confirmation_tag              = MAC(confirmation_key, confirmed_transcript_hash)
// A new group starts with an empty interim_transcript_hash (§8.2, §11), so its length is not checked here.
// MAC (§5.1, §17.1) is HMAC over the suite's KDF hash, computed by Crypto/MlsMac as KDF.Extract(salt = key, ikm = data)
// (RFC 5869 §2.2). The tag is therefore Nh bytes of the KDF's hash. That differs from the suite's Hash only in the ts-mls 1.x profile
// (docs/mls-crypto.md), where following the KDF for the MAC is our reading, not checked against ts-mls. The transcript
// hashes themselves use the suite's Hash. Everything hashed here is public; only the confirmation key is secret, and the tag computed for
// verification is stack scratch wiped in finally and compared in constant time.
using System.Security.Cryptography;
using NoFuture.Memory;
using NoFuture.Mls.Codec;
using NoFuture.Mls.Crypto;
using NoFuture.Mls.Framing;

namespace NoFuture.Mls.KeySchedule;

/// <summary>The transcript hashes and confirmation tag of RFC 9420 §8.2.</summary>
internal static class TranscriptHashes
{
    /// <summary>confirmed_transcript_hash = Hash(interim_transcript_hash_before || ConfirmedTranscriptHashInput)
    /// of a commit; <paramref name="confirmed"/> is the suite's hash size.</summary>
    /// <exception cref="ArgumentException">The content is not a commit, or the output has the wrong size.</exception>
    internal static void ComputeConfirmed(
        MlsCipherSuite suite, ReadOnlySpan<byte> interimBefore, UnverifiedAuthenticatedContent commit, Span<byte> confirmed)
    {
        ArgumentNullException.ThrowIfNull(suite);
        ArgumentNullException.ThrowIfNull(commit);
        if (commit.Content.ContentType != ContentType.Commit)
            MlsThrowHelper.ArgumentOutOfRange(nameof(commit), "Only a commit enters the confirmed transcript hash.");
        ArgumentOutOfRangeException.ThrowIfNotEqual(confirmed.Length, suite.Hash.HashSizeInBytes, nameof(confirmed));

        ReadOnlySpan<byte> signature = commit.Auth.Signature;
        byte[] input = new byte[interimBefore.Length + 2 + commit.Content.EncodedSize + MlsWriter.OpaqueSize(signature.Length)];
        interimBefore.CopyTo(input);
        var writer = new MlsWriter(input.AsSpan(interimBefore.Length));
        MlsCodec.WriteEnum16(ref writer, commit.WireFormat);
        commit.Content.Encode(ref writer);
        writer.WriteOpaque(signature, "signature");
        suite.Hash.Hash(input, confirmed);
    }

    /// <summary>interim_transcript_hash = Hash(confirmed_transcript_hash || confirmation_tag&lt;V&gt;);
    /// <paramref name="interim"/> is the suite's hash size.</summary>
    internal static void ComputeInterim(
        MlsCipherSuite suite, ReadOnlySpan<byte> confirmed, ReadOnlySpan<byte> confirmationTag, Span<byte> interim)
    {
        ArgumentNullException.ThrowIfNull(suite);
        ArgumentOutOfRangeException.ThrowIfNotEqual(interim.Length, suite.Hash.HashSizeInBytes, nameof(interim));
        byte[] input = new byte[confirmed.Length + MlsWriter.OpaqueSize(confirmationTag.Length)];
        confirmed.CopyTo(input);
        var writer = new MlsWriter(input.AsSpan(confirmed.Length));
        writer.WriteOpaque(confirmationTag, "confirmation_tag");
        suite.Hash.Hash(input, interim);
    }

    /// <summary>confirmation_tag = MAC(confirmation_key, confirmed_transcript_hash); <paramref name="tag"/> is the
    /// KDF's hash size.</summary>
    internal static void ComputeConfirmationTag(
        MlsCipherSuite suite, ReadOnlySpan<byte> confirmationKey, ReadOnlySpan<byte> confirmed, Span<byte> tag)
    {
        ArgumentNullException.ThrowIfNull(suite);
        ArgumentOutOfRangeException.ThrowIfNotEqual(tag.Length, suite.Kdf.HashSizeInBytes, nameof(tag));
        MlsMac.Compute(suite, confirmationKey, confirmed, tag);
    }

    /// <summary><see cref="ComputeConfirmationTag(MlsCipherSuite, ReadOnlySpan{byte}, ReadOnlySpan{byte}, Span{byte})"/>
    /// with the key in a <see cref="Secret"/> (<c>EpochSecrets.ConfirmationKey</c>).</summary>
    internal static void ComputeConfirmationTag(MlsCipherSuite suite, Secret confirmationKey, ReadOnlySpan<byte> confirmed, Span<byte> tag)
    {
        ArgumentNullException.ThrowIfNull(confirmationKey);
        using SecretReadLease key = confirmationKey.OpenRead();
        ComputeConfirmationTag(suite, key.Span, confirmed, tag);
    }

    /// <summary>Whether <paramref name="tag"/> (a peer's) is MAC(confirmation_key, confirmed_transcript_hash),
    /// compared in constant time. A tag of the wrong length is false, not an exception: it is the peer's bytes.</summary>
    internal static bool VerifyConfirmationTag(
        MlsCipherSuite suite, ReadOnlySpan<byte> confirmationKey, ReadOnlySpan<byte> confirmed, ReadOnlySpan<byte> tag)
    {
        ArgumentNullException.ThrowIfNull(suite);
        return MlsMac.Verify(suite, confirmationKey, confirmed, tag);
    }

    /// <summary><see cref="VerifyConfirmationTag(MlsCipherSuite, ReadOnlySpan{byte}, ReadOnlySpan{byte}, ReadOnlySpan{byte})"/>
    /// with the key in a <see cref="Secret"/>.</summary>
    internal static bool VerifyConfirmationTag(MlsCipherSuite suite, Secret confirmationKey, ReadOnlySpan<byte> confirmed, ReadOnlySpan<byte> tag)
    {
        ArgumentNullException.ThrowIfNull(confirmationKey);
        using SecretReadLease key = confirmationKey.OpenRead();
        return VerifyConfirmationTag(suite, key.Span, confirmed, tag);
    }
}
