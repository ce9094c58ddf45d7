namespace ManagedServices.Rest;

/// <summary>One JSON document and the name its diagnostics are reported under (for example its file name).</summary>
public sealed record RestDocument
{
    /// <summary>The name (a file name); every diagnostic path of the document starts with it and <c>:$</c>.</summary>
    public required string Name { get; init; }

    /// <summary>The JSON text.</summary>
    public required string Json { get; init; }
}
