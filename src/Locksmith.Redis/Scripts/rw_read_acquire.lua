--- keys: readers, writer, intent; args: owner:string, ttl_ms:long
--- returns: integer
-- Takes a read hold. Readers are sorted-set members scored by their own expiry on the server clock, so a crashed reader
-- is dropped at its own expiry however often the others renew. A writer, or a writer (or upgrade) waiting for readers to
-- leave (the intent key), keeps new readers out, so readers cannot starve it. Returns 0 when granted, or -1 minus the
-- milliseconds until what blocks it expires.
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now)
local blocked = redis.call('PTTL', KEYS[2])
if blocked < 0 then
  blocked = redis.call('PTTL', KEYS[3])
end
if blocked >= 0 then
  return -1 - blocked
end
redis.call('ZADD', KEYS[1], string.format('%d', now + tonumber(ARGV[2])), ARGV[1])
-- The set lives as long as its longest-lived reader: the newcomer's expiry if it is the latest (a new set has no TTL yet).
if redis.call('PTTL', KEYS[1]) < tonumber(ARGV[2]) then
  redis.call('PEXPIRE', KEYS[1], ARGV[2])
end
return 0
