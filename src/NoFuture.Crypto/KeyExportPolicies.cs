// Which private-key exports a key object allows, fixed when the key is created or imported. Modelled on
// NSec's KeyExportPolicies: a key is NOT exportable unless its creator asked for it, so code that only uses a key
// (agree, sign, decapsulate) can never be talked into copying it out. Public keys are always exportable.
namespace NoFuture.Crypto;

/// <summary>
/// The private-key exports a key object permits. Pass it to the key's <c>Generate</c>/<c>Import</c>
/// method; it cannot be changed afterwards.
/// </summary>
/// <remarks>
/// <para>The default, <see cref="None"/>, refuses every private-key export: <c>ExportPrivateKey</c>,
/// <c>MlKemKey.ExportPrivateSeed</c> and <c>MlKemKey.ExportDecapsulationKey</c> throw
/// <see cref="InvalidOperationException"/>. Creating, importing and using a key never needs an export.</para>
/// <para>Even with <see cref="AllowPlaintextExport"/>, exports go to a caller's span (typically a
/// <c>SecretWriteLease</c>) or a new <c>Secret</c>. The only exception is the BCL base class of <c>MlKemKey</c>, whose
/// <c>byte[]</c> overloads put the key on the garbage-collected heap; use its span overloads.</para>
/// </remarks>
[Flags]
public enum KeyExportPolicies
{
    /// <summary>The private key cannot be exported (the default).</summary>
    None = 0,

    /// <summary>The private key may be exported, in plaintext, as often as the caller asks.</summary>
    AllowPlaintextExport = 1,
}
