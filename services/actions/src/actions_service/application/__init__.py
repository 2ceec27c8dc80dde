"""Application layer of the actions service: handlers, the policy on RequestApproved, access, queries."""
