-- Sign-in throttling keyed by HMAC (issue 11): the old rows hold unsalted SHA-256 of email and
-- IP addresses, which anyone can recompute from a list of addresses; they are short-lived
-- counters, so they are dropped rather than converted. New scopes: the (account, address) pair,
-- an account over all addresses, an address over all accounts, a known device of an account,
-- and registration per email address and per IP address. `failures` now counts attempts that
-- did not succeed in the window; `locked_until` is the growing wait it leads to.
delete from sign_in_throttle;

alter table sign_in_throttle drop constraint sign_in_throttle_scope_check;
alter table sign_in_throttle
  add constraint sign_in_throttle_scope_check
  check (scope in ('pair', 'account', 'ip', 'device', 'register_email', 'register_ip'));
