"""The domain: documents, cases, reading, policy, classification and the `zeef` command."""
