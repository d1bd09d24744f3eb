--- keys: none; args: none; returns: array; name: ServerClock
-- Keyless: the server's clock, as Redis reports it.
return redis.call('TIME')
