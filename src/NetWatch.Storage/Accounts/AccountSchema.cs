namespace NetWatch.Storage.Accounts;

/// <summary>The API's accounts and bearer tokens (hashes only), created with the store.</summary>
public static class AccountSchema
{
    public static readonly string[] Statements =
    [
        """
        CREATE TABLE IF NOT EXISTS accounts (
            name VARCHAR PRIMARY KEY,
            role VARCHAR NOT NULL,
            school VARCHAR,
            password_hash VARCHAR NOT NULL,
            disabled BOOLEAN NOT NULL,
            failed_sign_ins INTEGER NOT NULL,
            locked_until TIMESTAMP,
            created_at TIMESTAMP NOT NULL)
        """,
        // Added for OpenID Connect sign-in; stores made before it gain the column when opened.
        "ALTER TABLE accounts ADD COLUMN IF NOT EXISTS external_id VARCHAR",
        """
        CREATE TABLE IF NOT EXISTS api_tokens (
            hash VARCHAR PRIMARY KEY,
            id VARCHAR NOT NULL,
            account VARCHAR NOT NULL,
            created_at TIMESTAMP NOT NULL,
            revoked_at TIMESTAMP)
        """,
    ];
}
