using System.Collections.Frozen;
using System.Text;
using ManagedServices.Access;
using ManagedServices.Offers;
using ManagedServices.Arm;
using ManagedServices.Bicep;
using ManagedServices.Rest;
using ManagedServices.Serialization;
using ManagedServices.Validation;

namespace ManagedServices.Fuzz;

/// <summary>
/// The fuzz targets: each takes raw bytes, reads them with one of the library's readers and checks the invariants
/// the library promises for any input. A broken invariant throws <see cref="InvariantException"/>; any exception is a
/// finding (afl-fuzz and libFuzzer report it as a crash).
/// </summary>
internal static class FuzzTargets
{
    // Nothing here may call the library before the fuzzer starts: an instrumented library only runs once
    // Fuzzer.OutOfProcess.Run or Fuzzer.LibFuzzer.Run has set up the coverage area, so the sample data is lazy.
    /// <summary>What one template read may allocate on its thread.</summary>
    private const long MaxAllocatedPerRead = 512L * 1024 * 1024;

    private static readonly Lazy<SubscriptionId> Subscription = new(() => SubscriptionId.Parse("5b3c1f7e-9a2d-4c6b-8e1f-0a9b8c7d6e5f"));
    private static readonly Lazy<AccessEvaluator> Evaluator = new(() => AccessEvaluator.Create(Samples.Snapshot()));

    public static FrozenDictionary<string, Action<byte[]>> All { get; } = new Dictionary<string, Action<byte[]>>
    {
        ["template"] = Template,
        ["offer"] = Offer,
        ["registrations"] = Registrations,
        ["deny"] = Deny,
        ["scope"] = Scope,
        ["check"] = Check,
        ["guid"] = GuidSpelling,
    }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>Bytes as the text a reader gets (invalid UTF-8 becomes U+FFFD, as a file read would make it).</summary>
    private static string Text(byte[] data) => Encoding.UTF8.GetString(data);

    /// <summary>An onboarding template, then (after a NUL character) its parameters file; what reads must write.</summary>
    private static void Template(byte[] data)
    {
        var text = Text(data);
        var nul = text.IndexOf('\0', StringComparison.Ordinal);
        var (template, parameters) = nul < 0 ? (text, null) : (text[..nul], text[(nul + 1)..]);
        var allocated = GC.GetAllocatedBytesForCurrentThread();
        var read = OnboardingTemplate.Read(template, parameters, new OnboardingReadOptions { SubscriptionId = Subscription.Value });
        Expect(GC.GetAllocatedBytesForCurrentThread() - allocated < MaxAllocatedPerRead, "a read allocates a bounded amount (the work budget counts what is built)");
        Explained(read);
        if (!read.HasErrors && read.Value is { } content)
        {
            OfferValidator.Default.Validate(content.Definition.Manifest, marketplace: content.Definition.Plan is not null);
            OnboardingTemplate.Write(content.Definition, content.Target);
            OnboardingBicep.Write(content.Definition, content.Target);
        }
    }

    /// <summary>An offer document: what reads validates, and writes back to a document that reads to the same offer.</summary>
    private static void Offer(byte[] data)
    {
        var read = OfferDocument.Read(Text(data));
        Explained(read);
        if (read.HasErrors || read.Value is not { } offer)
        {
            return;
        }

        OfferValidator.Default.Validate(offer);
        var again = OfferDocument.Read(OfferDocument.Write(offer));
        Expect(again.Value == offer, "an offer document read back after writing gives the same offer");
    }

    /// <summary>Registration definitions and assignments in the REST shape; definitions that read write back and read again.</summary>
    private static void Registrations(byte[] data)
    {
        var text = Text(data);
        Explained(RegistrationResources.ReadAssignments(text));
        var read = RegistrationResources.ReadDefinitions(text);
        Explained(read);
        if (!read.HasErrors)
        {
            var definitions = read.Value;
            var again = RegistrationResources.ReadDefinitions(RegistrationResources.WriteDefinitions(definitions));
            Expect(!again.HasErrors && again.Value.SequenceEqual(definitions), "registration definitions read back after writing are the same");
        }
        else
        {
            Expect(read.Value.IsEmpty, "a list that did not read is empty (no partial list)");
        }
    }

    /// <summary>Deny assignments in the REST shape; what reads can be given to an evaluator and checked against.</summary>
    private static void Deny(byte[] data)
    {
        var read = DenyAssignmentResources.Read(Text(data));
        Explained(read);
        if (read.HasErrors)
        {
            return;
        }

        var evaluator = AccessEvaluator.Create(Samples.Snapshot(), new AccessEvaluatorOptions { DenyAssignments = read.Value });
        var decision = evaluator.Check(Samples.AllowedRequest);
        Expect(decision.Reason is AccessReason.Allowed or AccessReason.DeniedByDenyAssignment, "a deny assignment only ever turns an Allow into DeniedByDenyAssignment");
        evaluator.Explain(Samples.AllowedRequest);
    }

    /// <summary>
    /// A scope: one that parses prints to text that parses to the same scope; one trailing '/' changes nothing, two
    /// are refused; a scope's subscription is a strict GUID.
    /// </summary>
    private static void Scope(byte[] data)
    {
        var text = Text(data);
        var ok = ResourceScope.TryParse(text, out var scope);
        if (ok)
        {
            Expect(ResourceScope.TryParse(scope.ToString(), out var again) && again == scope, "a scope's text parses to the same scope");
            Expect(scope.SubscriptionId is not { } sub || GuidText.TryParse(text.AsSpan(15, 36), out var g) && g == sub.Value,
                "a scope's subscription is the strict GUID of its text");
        }

        if (text.Length > 1 && !text.EndsWith('/'))
        {
            Expect(ResourceScope.TryParse(text + "/", out var slashed) == ok && slashed == scope, "one trailing '/' on a scope changes nothing");
            Expect(!ResourceScope.TryParse(text + "//", out _), "two trailing '/' are refused");
        }
    }

    /// <summary>A GUID spelling: every identifier reader accepts exactly the strict 8-4-4-4-12 hex form, with one value.</summary>
    private static void GuidSpelling(byte[] data)
    {
        var text = Text(data);
        var strict = GuidText.TryParse(text, out var value);
        Expect(strict == (text.Length == 36 && text.Select((c, i) => i is 8 or 13 or 18 or 23 ? c == '-' : char.IsAsciiHexDigit(c)).All(static b => b)),
            "the strict parser accepts exactly 32 hex digits in the 8-4-4-4-12 form");
        Expect(PrincipalId.TryParse(text, out var p) == strict && (!strict || p.Value == value), "PrincipalId reads GUIDs strictly");
        Expect(TenantId.TryParse(text, out var t) == strict && (!strict || t.Value == value), "TenantId reads GUIDs strictly");
        Expect(SubscriptionId.TryParse(text, out var s) == strict && (!strict || s.Value == value), "SubscriptionId reads GUIDs strictly");
        Expect(RoleDefinitionId.TryParse(text, out var r) == strict && (!strict || r.Value == value), "RoleDefinitionId reads GUIDs strictly");
        // The scope's subscription is the text without its one allowed trailing '/' ("{guid}/" is the same scope); a
        // text with any other '/' is not a subscription alone.
        var subscription = text.EndsWith('/') ? text[..^1] : text;
        Expect(subscription.Contains('/') ||
               ResourceScope.TryParse("/subscriptions/" + text, out var scope) == GuidText.TryParse(subscription, out var subscriptionValue) &&
               (!scope.SubscriptionId.HasValue || scope.SubscriptionId.Value.Value == subscriptionValue),
            "a scope's subscription is read strictly, with or without one trailing '/'");
        var decision = Evaluator.Value.Check(new AccessRequest(text, Samples.AllowedRequest.Action, Samples.AllowedRequest.Scope));
        Expect(strict || decision.Reason == AccessReason.MalformedRequest, "a principal that is not a strict GUID is a malformed request");
    }

    /// <summary>
    /// A request as three lines (principal, action, scope) against the sample delegations: decided and explained
    /// without throwing; an allowed action is a well-formed operation name; one trailing '/' on the scope changes nothing;
    /// the request is malformed exactly when one of its parts does not prepare, and otherwise the prepared handles and
    /// a prepared request decide as the strings do; an allowed principal is a permanent holder in the reverse query.
    /// </summary>
    private static void Check(byte[] data)
    {
        var lines = Text(data).Split('\n', 3);
        var request = new AccessRequest(lines[0], lines.Length > 1 ? lines[1] : "", lines.Length > 2 ? lines[2] : "");
        var evaluator = Evaluator.Value;
        var decision = evaluator.Check(request);
        var explained = evaluator.Explain(request);
        Expect(explained.Decision == decision, "Explain gives the decision Check gives");
        Expect(!decision.IsAllowed || IsOperationName(request.Action), "only a well-formed operation name is allowed");
        var wellFormed = PrincipalId.TryParse(request.PrincipalIdText, out var principal) &
                         PreparedAction.TryPrepare(request.Action, request.IsDataAction, out var action) &
                         PreparedScope.TryPrepare(request.Scope, out var scope);
        Expect(wellFormed == (decision.Reason != AccessReason.MalformedRequest), "a request is malformed exactly when one of its parts does not prepare");
        if (wellFormed)
        {
            Expect(evaluator.Check(principal, action, scope) == decision, "prepared handles decide as the strings do");
            Expect(evaluator.Check(evaluator.Prepare(principal, action, scope)) == decision, "a prepared request decides as the strings do");
            var permanent = evaluator.WhoCan(request.Action, request.Scope).Any(h => h.PrincipalId == principal && !h.IsEligible);
            Expect(decision.IsAllowed == permanent, "a principal is allowed exactly when the reverse query names it a permanent holder");
        }

        if (request.Scope.Length > 1 && !request.Scope.EndsWith('/'))
        {
            var slashed = new AccessRequest(request.PrincipalIdText!, request.Action, request.Scope + "/");
            Expect(Evaluator.Value.Check(slashed) == decision, "a scope and the same scope with one trailing '/' get the same decision");
        }
    }

    /// <summary>
    /// The operation-name grammar, written out independently of the library: a namespace of ASCII letter/digit labels
    /// joined by '.', then '/'-separated non-empty segments of ASCII letters, digits and <c>. : { } $ _ -</c>, none "." or "..".
    /// </summary>
    private static bool IsOperationName(string action)
    {
        var parts = action.Split('/');
        return action.Length <= 1024 && parts.Length >= 2 &&
               parts[0].Split('.') is { Length: >= 2 } labels && labels.All(static l => l.Length > 0 && l.All(char.IsAsciiLetterOrDigit)) &&
               parts.Skip(1).All(static s => s.Length > 0 && s is not ("." or "..") && s.All(static c => char.IsAsciiLetterOrDigit(c) || ".:{}$_-".Contains(c)));
    }

    /// <summary>A reader that gives no value says why: at least one error diagnostic, each with a code.</summary>
    private static void Explained<T>(DiagnosticResult<T> result)
    {
        Expect(result.Value is not null || result.HasErrors, "a result without a value has an error diagnostic");
        Expect(result.Diagnostics.All(static d => d.Code.StartsWith("MSC", StringComparison.Ordinal)), "every diagnostic has a stable MSC code");
    }

    private static void Expect(bool condition, string invariant)
    {
        if (!condition)
        {
            throw new InvariantException(invariant);
        }
    }
}

/// <summary>A library invariant does not hold for a fuzz input.</summary>
internal sealed class InvariantException(string invariant) : Exception("invariant broken: " + invariant);
