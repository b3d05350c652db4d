using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Azure;
using Azure.Data.Tables;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Proposals.Pipeline.Storage;

namespace Proposals.Pipeline.Email;

/// <summary>
/// At most one email per subject and kind, however often a message is redelivered: a row per email
/// (PartitionKey = the submission or call, RowKey = the kind) is claimed with insert-if-absent before
/// sending (<see cref="ClaimOnce"/>). A claim left by a host that died mid-send is taken over after <see cref="StaleClaim"/>.
/// Email failures are recorded, never thrown: they must not fail or block a submission.
/// Emails to enterprises (<c>limitPerRecipient</c>) go to any one address at most
/// <see cref="EmailOptions.MaxPerRecipientPerHour"/> times an hour, so nobody can use the public form to flood someone's
/// inbox: the allowance is a few insert-if-absent rows per hashed address and hour, no address in clear.
/// </summary>
public sealed partial class EmailLedger(
    PipelineStorage storage, IEmailSender sender, IOptions<EmailOptions> options, TimeProvider time, ILogger<EmailLedger> logger)
{
    /// <summary>Longer than <see cref="ClaimOnce.AbandonedClaimAge"/>: a send may wait on the provider's own retries, and a second send is the harm to avoid.</summary>
    public static readonly TimeSpan StaleClaim = TimeSpan.FromMinutes(5);

    private const string RecipientAllowancePrefix = "recipient~";

    private TableClient Table => storage.EmailLedgerTable;

    public async Task<EmailLedgerEntry> SendOnceAsync(
        string scope, string kind, Func<EmailMessage> compose, CancellationToken cancellationToken, bool limitPerRecipient = false)
    {
        var now = time.GetUtcNow();
        var (entry, isNew) = await ClaimOnce.ClaimAsync(Table,
            new EmailLedgerEntry { PartitionKey = scope, RowKey = kind, State = EmailLedgerEntry.Sending, ClaimedAtUtc = now }, cancellationToken);
        if (!isNew)
        {
            var stale = entry.State == EmailLedgerEntry.Sending && ClaimOnce.IsAbandoned(entry.ClaimedAtUtc, now, StaleClaim);
            var retry = entry.State == EmailLedgerEntry.FailedRetryable;
            if (!stale && !retry)
            {
                return entry; // sent, finally failed, or being sent by someone else right now
            }

            (entry.State, entry.ClaimedAtUtc) = (EmailLedgerEntry.Sending, now);
            if (!await ClaimOnce.TakeOverAsync(Table, entry, cancellationToken))
            {
                return entry; // another delivery took it over first
            }
        }

        var message = compose();
        var allowance = options.Value.MaxPerRecipientPerHour;
        if (limitPerRecipient && allowance > 0 && !await TakeRecipientAllowanceAsync(message.To, now, allowance, cancellationToken))
        {
            entry.State = EmailLedgerEntry.Suppressed;
            entry.Detail = $"At most {allowance} emails an hour to one address; this one was not sent.";
            entry.CompletedAtUtc = time.GetUtcNow();
            await Table.UpdateEntityAsync(entry, ETag.All, TableUpdateMode.Replace, cancellationToken);
            LogSuppressed(logger, kind, scope);
            return entry;
        }

        var result = await sender.SendAsync(message, cancellationToken);
        entry.Attempts++;
        entry.State = result.Succeeded ? EmailLedgerEntry.Sent
            : result.Retryable ? EmailLedgerEntry.FailedRetryable : EmailLedgerEntry.Failed;
        entry.Detail = result.Detail;
        entry.Recipients = string.Join(", ", message.To);
        entry.CompletedAtUtc = time.GetUtcNow();
        await Table.UpdateEntityAsync(entry, ETag.All, TableUpdateMode.Replace, cancellationToken);
        if (result.Succeeded)
        {
            LogSent(logger, kind, scope);
        }
        else
        {
            LogFailed(logger, kind, scope, result.Detail);
        }

        return entry;
    }

    public async Task<EmailLedgerEntry?> FindAsync(string scope, string kind, CancellationToken cancellationToken)
    {
        var response = await Table.GetEntityIfExistsAsync<EmailLedgerEntry>(scope, kind, cancellationToken: cancellationToken);
        return response.HasValue ? response.Value : null;
    }


    /// <summary>Every email recorded for a submission (or, with a call id, the call's staff emails): what a person's export lists.</summary>
    public async Task<IReadOnlyList<EmailLedgerEntry>> ListScopeAsync(string scope, CancellationToken cancellationToken)
    {
        var entries = new List<EmailLedgerEntry>();
        await foreach (var entry in Table.QueryAsync<EmailLedgerEntry>(TableClient.CreateQueryFilter($"PartitionKey eq {scope}"), cancellationToken: cancellationToken))
        {
            entries.Add(entry);
        }

        return entries;
    }

    /// <summary>Forgets every email of a submission or call (retention passed, or erasure): their recipients go with them.</summary>
    public Task<int> DeleteScopeAsync(string scope, CancellationToken cancellationToken) =>
        TableDeletes.DeleteWhereAsync(Table, TableClient.CreateQueryFilter($"PartitionKey eq {scope}"), cancellationToken);

    public Task<int> CountScopeAsync(string scope, CancellationToken cancellationToken) =>
        TableDeletes.CountWhereAsync(Table, TableClient.CreateQueryFilter($"PartitionKey eq {scope}"), cancellationToken);
    /// <summary>
    /// Deletes the hourly allowance slots of hours that ended before <paramref name="before"/>: they only ever count
    /// the current hour, and each names a recipient (by the hash of the address), so none is kept longer.
    /// </summary>
    public Task<int> PruneRecipientAllowancesAsync(DateTimeOffset before, CancellationToken cancellationToken)
    {
        var hour = before.UtcDateTime.ToString("yyyyMMddHH", CultureInfo.InvariantCulture);
        // Every allowance partition starts with the prefix; '~' + 1 is the first key after all of them.
        var end = RecipientAllowancePrefix[..^1] + (char)(RecipientAllowancePrefix[^1] + 1);
        return TableDeletes.DeleteWhereAsync(Table,
            TableClient.CreateQueryFilter($"PartitionKey ge {RecipientAllowancePrefix} and PartitionKey lt {end} and RowKey lt {hour}"), cancellationToken);
    }

    /// <summary>Takes one of the hour's slots for every recipient; false when one of them has none left.</summary>
    private async Task<bool> TakeRecipientAllowanceAsync(IEnumerable<string> recipients, DateTimeOffset now, int allowance, CancellationToken cancellationToken)
    {
        var hour = now.UtcDateTime.ToString("yyyyMMddHH", CultureInfo.InvariantCulture);
        foreach (var address in recipients)
        {
            var partition = RecipientAllowancePrefix + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(address.Trim().ToLowerInvariant())));
            var taken = false;
            for (var slot = 1; slot <= allowance && !taken; slot++)
            {
                try
                {
                    await Table.AddEntityAsync(new TableEntity(partition, $"{hour}~{slot}"), cancellationToken);
                    taken = true;
                }
                catch (RequestFailedException e) when (e.Status == 409)
                {
                    // This slot is used: try the next.
                }
            }

            if (!taken)
            {
                return false;
            }
        }

        return true;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Did not send {Kind} email for {Scope}: the recipient's hourly allowance is used up")]
    private static partial void LogSuppressed(ILogger logger, string kind, string scope);

    [LoggerMessage(Level = LogLevel.Information, Message = "Sent {Kind} email for {Scope}")]
    private static partial void LogSent(ILogger logger, string kind, string scope);

    [LoggerMessage(Level = LogLevel.Error, Message = "Could not send {Kind} email for {Scope}: {Detail}")]
    private static partial void LogFailed(ILogger logger, string kind, string scope, string detail);
}
