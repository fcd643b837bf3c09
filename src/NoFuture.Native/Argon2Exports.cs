// nf_argon2id*: Argon2id (RFC 9106) over NoFuture.Crypto.Argon2 and Argon2PhcString (include/nofuture.h). The
// password and the optional secret value K are secret handles; the raw output is a new secret handle.
using System.Runtime.InteropServices;
using System.Text;
using NoFuture.Crypto;
using NoFuture.Memory;

namespace NoFuture.Native;

internal static unsafe class Argon2Exports
{
    // A PHC string of the longest accepted parameters is far shorter; the header promises 128 bytes suffice for
    // nf_argon2id_phc_hash (16-byte salt, 32-byte tag, 10-digit m/t/p: 99 characters and the NUL).
    private const int MaxPhcInput = 4096;

    [UnmanagedCallersOnly(EntryPoint = "nf_argon2id")]
    private static int Derive(ulong passwordHandle, byte* salt, nuint saltLength, ulong secretHandle, byte* associatedData,
        nuint associatedDataLength, uint memoryKib, uint iterations, uint parallelism, nuint outputLength, ulong* outSecret)
    {
        if (salt is null || outSecret is null) return NativeStatus.NullPointer;
        int status = NativeInput.Check(associatedData, associatedDataLength);
        if (status == NativeStatus.Ok) status = NativeInput.Check(salt, saltLength);
        if (status != NativeStatus.Ok) return status;
        if (outputLength - 1 >= NativeInput.MaxLength || memoryKib > int.MaxValue || iterations > int.MaxValue || parallelism > int.MaxValue)
            return NativeStatus.InvalidArgument;
        status = LookupPassword(passwordHandle, out Secret? password);
        if (status != NativeStatus.Ok) return status;
        Secret? pepper = null;
        if (secretHandle != 0)
        {
            status = SecretExports.Lookup(secretHandle, out pepper);
            if (status != NativeStatus.Ok) return status;
        }
        Secret? output = null;
        try
        {
            var parameters = new Argon2Parameters(Argon2Type.Argon2id, (int)memoryKib, (int)iterations, (int)parallelism, (int)outputLength);
            output = Secret.Allocate((int)outputLength);
            using (SecretWriteLease outputLease = output.OpenWrite())
            {
                ReadOnlySpan<byte> saltSpan = NativeInput.Span(salt, saltLength);
                ReadOnlySpan<byte> adSpan = NativeInput.Span(associatedData, associatedDataLength);
                if (password is null)
                {
                    DeriveWithPepper(default, pepper, saltSpan, parameters, outputLease.Span, adSpan);
                }
                else
                {
                    using SecretReadLease passwordLease = password.OpenRead();
                    DeriveWithPepper(passwordLease.Span, pepper, saltSpan, parameters, outputLease.Span, adSpan);
                }
            }
            status = SecretExports.Publish(output, outSecret);
            output = null; // Publish disposes it on failure
            return status;
        }
        catch (Exception e)
        {
            return StatusMap.From(e, handle: passwordHandle, other: secretHandle);
        }
        finally
        {
            output?.Dispose();
        }
    }

    [UnmanagedCallersOnly(EntryPoint = "nf_argon2id_phc_hash")]
    private static int PhcHash(ulong passwordHandle, uint memoryKib, uint iterations, uint parallelism, byte* output, nuint outputLength,
        nuint* written)
    {
        if (output is null) return NativeStatus.NullPointer;
        if (memoryKib > int.MaxValue || iterations > int.MaxValue || parallelism > int.MaxValue) return NativeStatus.InvalidArgument;
        int status = LookupPassword(passwordHandle, out Secret? password);
        if (status != NativeStatus.Ok) return status;
        try
        {
            var parameters = new Argon2Parameters(Argon2Type.Argon2id, (int)memoryKib, (int)iterations, (int)parallelism);
            string phc;
            if (password is null)
            {
                phc = Argon2PhcString.Hash(default, parameters);
            }
            else
            {
                using SecretReadLease lease = password.OpenRead();
                phc = Argon2PhcString.Hash(lease.Span, parameters);
            }
            // ASCII by construction (RFC 9106's PHC format: letters, digits, '$', ',', '=', unpadded base64).
            int needed = phc.Length + 1;
            if (written is not null) *written = (nuint)needed;
            if (outputLength < (nuint)needed) return NativeStatus.BufferTooSmall;
            // SAFETY: output holds outputLength >= needed bytes (caller contract, checked above).
            var destination = new Span<byte>(output, needed);
            Encoding.ASCII.GetBytes(phc, destination);
            destination[^1] = 0;
            return NativeStatus.Ok;
        }
        catch (Exception e)
        {
            return StatusMap.From(e, handle: passwordHandle);
        }
    }

    [UnmanagedCallersOnly(EntryPoint = "nf_argon2_phc_verify")]
    private static int PhcVerify(byte* phc, nuint phcLength, ulong passwordHandle, int* outMatch)
    {
        if (phc is null || outMatch is null) return NativeStatus.NullPointer;
        if (phcLength == 0 || phcLength > MaxPhcInput) return NativeStatus.InvalidArgument;
        int status = LookupPassword(passwordHandle, out Secret? password);
        if (status != NativeStatus.Ok) return status;
        try
        {
            // SAFETY: the caller guarantees phc points to phcLength (1..4096, checked) readable bytes.
            var bytes = new ReadOnlySpan<byte>(phc, (int)phcLength);
            foreach (byte b in bytes)
            {
                if (b is 0 or >= 0x80) return NativeStatus.Rejected; // a PHC string is printable ASCII
            }
            string text = Encoding.ASCII.GetString(bytes);
            bool match;
            if (password is null)
            {
                match = Argon2PhcString.Verify(text, default);
            }
            else
            {
                using SecretReadLease lease = password.OpenRead();
                match = Argon2PhcString.Verify(text, lease.Span);
            }
            *outMatch = match ? 1 : 0;
            return NativeStatus.Ok;
        }
        catch (Exception e)
        {
            return StatusMap.From(e, handle: passwordHandle);
        }
    }

    private static void DeriveWithPepper(ReadOnlySpan<byte> password, Secret? pepper, ReadOnlySpan<byte> salt,
        Argon2Parameters parameters, Span<byte> output, ReadOnlySpan<byte> associatedData)
    {
        if (pepper is null)
        {
            Argon2.DeriveKey(password, salt, parameters, output, default, associatedData);
            return;
        }
        using SecretReadLease pepperLease = pepper.OpenRead();
        Argon2.DeriveKey(password, salt, parameters, output, pepperLease.Span, associatedData);
    }

    // Handle 0 is the empty password (a secret cannot be empty; RFC 9106 allows a 0-byte password).
    private static int LookupPassword(ulong handle, out Secret? password)
    {
        password = null;
        return handle == 0 ? NativeStatus.Ok : SecretExports.Lookup(handle, out password);
    }
}
