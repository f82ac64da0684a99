"""Tests of accounts.qualifications."""
