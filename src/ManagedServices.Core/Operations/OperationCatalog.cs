using System.IO.Compression;

namespace ManagedServices.Operations;

/// <summary>
/// Azure's list of resource provider operations, each with the plane it belongs to (management, data, or both), looked
/// up case-insensitively as Azure matches operations. <see cref="Azure"/> is the list embedded in this package
/// (22,514 distinct names from <c>az provider operation list</c>, dated <see cref="Date"/>).
/// </summary>
/// <remarks>
/// <para>The access evaluator uses it to decide the plane of a request: an operation listed only as a data action is a
/// data action whatever the request says, and Azure Lighthouse never delegates data actions. An operation the list
/// does not know is still evaluated; <see cref="Diagnose"/> then says so and suggests the closest known names.</para>
/// <para>Thread-safe. The embedded list is loaded on first use.</para>
/// </remarks>
public sealed class OperationCatalog
{
    /// <summary>The largest number of names <see cref="GetClosest"/> returns.</summary>
    private const int MaxSuggestions = 20;

    private const string ResourceName = "ManagedServices.Operations.AzureOperations.br";
    private const string HeaderMark = "#azure-operations ";

    private static readonly Lazy<OperationCatalog> Embedded = new(LoadEmbedded, LazyThreadSafetyMode.ExecutionAndPublication);

    private readonly FrozenDictionary<string, OperationPlane> _planes;
    private readonly string[] _names;

    private OperationCatalog(FrozenDictionary<string, OperationPlane> planes, string[] names, DateOnly date)
    {
        _planes = planes;
        _names = names;
        Date = date;
    }

    /// <summary>
    /// The operation list embedded in this package: Azure's published resource provider operations of 2026-08-22
    /// (easimon/azure-builtin-roles, <c>azure-provider-operations</c>, as returned by <c>az provider operation list</c>).
    /// Loaded on first use.
    /// </summary>
    public static OperationCatalog Azure => Embedded.Value;

    /// <summary>The date of the list (the day Azure published it in this form).</summary>
    public DateOnly Date { get; }

    /// <summary>The number of distinct operation names (case-insensitive).</summary>
    public int Count => _names.Length;

    /// <summary>Every operation (as first spelled in the list) with its plane, in list order (tests).</summary>
    internal IEnumerable<(string Name, OperationPlane Plane)> Entries => _names.Select(n => (n, _planes[n]));

    /// <summary>Where the list puts an operation (case-insensitive); <see cref="OperationPlane.Unknown"/> when it does not list it.</summary>
    /// <param name="operation">The operation, for example <c>Microsoft.KeyVault/vaults/secrets/getSecret/action</c>.</param>
    /// <returns>The plane.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="operation"/> is null.</exception>
    public OperationPlane GetPlane(string operation)
    {
        ArgumentNullException.ThrowIfNull(operation);
        return _planes.GetValueOrDefault(operation);
    }

    /// <summary>
    /// Whether an operation is a data action for an access question: asked about as one, or listed by this catalog
    /// only as a data action (an operation listed in both planes, or not at all, is a management operation unless
    /// asked about as data). Lighthouse delegates no data action, so such a question is always denied.
    /// </summary>
    /// <param name="operation">The operation name.</param>
    /// <param name="askedAsDataAction">True when the question names it as a data action.</param>
    /// <returns>True for a data action.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="operation"/> is null.</exception>
    public bool IsDataAction(string operation, bool askedAsDataAction) =>
        IsDataAction(GetPlane(operation), askedAsDataAction);

    /// <summary>The rule of <see cref="IsDataAction(string, bool)"/> on a plane already looked up (the evaluator's hot path).</summary>
    internal static bool IsDataAction(OperationPlane plane, bool askedAsDataAction) =>
        askedAsDataAction || plane == OperationPlane.Data;

    /// <summary>
    /// The known operation names closest to <paramref name="operation"/> (case-insensitive edit distance, at most a
    /// quarter of its length and at least 2), nearest first, for a "did you mean". Empty when none is close.
    /// </summary>
    /// <param name="operation">The operation name.</param>
    /// <param name="count">How many names at most (1 to 20).</param>
    /// <returns>The names, as Azure spells them.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="operation"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="count"/> is not 1 to 20.</exception>
    public ImmutableArray<string> GetClosest(string operation, int count = 3)
    {
        ArgumentNullException.ThrowIfNull(operation);
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(count, MaxSuggestions);
        if (operation.Length == 0 || operation.Length > 1024)
        {
            return [];
        }

        var limit = Math.Max(2, operation.Length / 4);
        var found = new List<(int Distance, string Name)>();
        var row = new int[EditDistance.ScratchLength(operation.Length)];
        foreach (var name in _names)
        {
            if (Math.Abs(name.Length - operation.Length) > limit)
            {
                continue;
            }

            var distance = EditDistance.Bounded(operation, name, limit, row);
            if (distance <= limit)
            {
                found.Add((distance, name));
            }
        }

        return
        [
            .. found
                .OrderBy(static f => f.Distance)
                .ThenBy(static f => f.Name, StringComparer.OrdinalIgnoreCase)
                .Take(count)
                .Select(static f => f.Name),
        ];
    }

    /// <summary>
    /// A warning <see cref="DiagnosticCodes.UnknownOperation"/> when the list does not know
    /// <paramref name="operation"/>, naming the list's date and the closest known names; <see langword="null"/> when
    /// the list knows it.
    /// </summary>
    /// <param name="operation">The operation name.</param>
    /// <returns>The warning, or <see langword="null"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="operation"/> is null.</exception>
    public Diagnostic? Diagnose(string operation)
    {
        if (GetPlane(operation) != OperationPlane.Unknown)
        {
            return null;
        }

        var closest = GetClosest(operation);
        return Diagnostic.Warning(
            DiagnosticCodes.UnknownOperation,
            $"'{operation}' is not in Azure's operation list of {Date:yyyy-MM-dd}; it was evaluated as given, so if it is misspelled the answer is about an operation that does not exist" +
            (closest.IsEmpty ? "." : "; did you mean " + string.Join(", ", closest) + "?")) with
        {
            Help = closest.IsEmpty ? null : "did you mean " + string.Join(", ", closest),
        };
    }

    /// <summary>Creates a catalog from names and planes (tests); a name listed twice, in any casing, joins both planes.</summary>
    internal static OperationCatalog Create(IEnumerable<(string Name, OperationPlane Plane)> operations, DateOnly date)
    {
        var planes = new Dictionary<string, OperationPlane>(StringComparer.OrdinalIgnoreCase);
        var names = new List<string>();
        foreach (var (name, plane) in operations)
        {
            if (plane == OperationPlane.Unknown)
            {
                continue;
            }

            if (planes.TryGetValue(name, out var seen))
            {
                planes[name] = seen | plane;
            }
            else
            {
                planes[name] = plane;
                names.Add(name);
            }
        }

        return new OperationCatalog(planes.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase), [.. names], date);
    }

    /// <summary>
    /// Reads the front-coded list written by <c>src/tools/generate-operation-catalog.cs</c>: a header line
    /// <c>#azure-operations yyyy-MM-dd source</c>, then per name the count of characters shared with the previous name,
    /// the plane (<c>m</c>, <c>d</c> or <c>b</c>) and the rest of the name.
    /// </summary>
    internal static OperationCatalog Parse(TextReader reader)
    {
        var header = reader.ReadLine();
        if (header is null || !header.StartsWith(HeaderMark, StringComparison.Ordinal) ||
            !DateOnly.TryParseExact(header.AsSpan(HeaderMark.Length, 10), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            throw new InvalidDataException("The operation list has no valid header.");
        }

        var operations = new List<(string, OperationPlane)>(23_000);
        var previous = "";
        var buffer = new StringBuilder();
        while (reader.ReadLine() is { } line)
        {
            var digits = 0;
            while (digits < line.Length && char.IsAsciiDigit(line[digits]))
            {
                digits++;
            }

            if (digits == 0 || digits == line.Length ||
                !int.TryParse(line.AsSpan(0, digits), NumberStyles.None, CultureInfo.InvariantCulture, out var shared) || shared > previous.Length)
            {
                throw new InvalidDataException("The operation list has a malformed line: " + line);
            }

            var plane = line[digits] switch
            {
                'm' => OperationPlane.Management,
                'd' => OperationPlane.Data,
                'b' => OperationPlane.Both,
                _ => throw new InvalidDataException("The operation list has a malformed line: " + line),
            };
            previous = buffer.Clear().Append(previous, 0, shared).Append(line, digits + 1, line.Length - digits - 1).ToString();
            operations.Add((previous, plane));
        }

        return Create(operations, date);
    }

    private static OperationCatalog LoadEmbedded()
    {
        using var stream = typeof(OperationCatalog).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"The embedded resource {ResourceName} is missing.");
        using var brotli = new BrotliStream(stream, CompressionMode.Decompress);
        using var reader = new StreamReader(brotli, Encoding.UTF8);
        return Parse(reader);
    }
}
