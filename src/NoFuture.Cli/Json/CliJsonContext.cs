// Source-generated System.Text.Json metadata, so JSON output needs no reflection and stays trim/AOT-safe.
// Shape: camelCase names, enums as strings, sizes that can be unlimited are null when unlimited.
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using NoFuture.Cli.Commands;
using NoFuture.Cli.Demo;
using NoFuture.Cli.Sessions;

namespace NoFuture.Cli.Json;

[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    UseStringEnumConverter = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.Never)]
[JsonSerializable(typeof(DoctorReport))]
[JsonSerializable(typeof(BundleFile))]
[JsonSerializable(typeof(SessionInfo))]
[JsonSerializable(typeof(DemoReport))]
internal sealed partial class CliJsonContext : JsonSerializerContext
{
    /// <summary>
    /// Writes <paramref name="value"/> as indented JSON plus a newline. The relaxed encoder keeps characters
    /// such as '`' and non-ASCII text readable instead of \u-escaping them; the output is never embedded in HTML.
    /// </summary>
    internal static void Write<T>(TextWriter output, T value, JsonTypeInfo<T> typeInfo)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions
        {
            Indented = true,
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        }))
        {
            JsonSerializer.Serialize(writer, value, typeInfo);
        }
        output.WriteLine(System.Text.Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length));
    }
}
