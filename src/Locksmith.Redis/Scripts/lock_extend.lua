--- keys: lock; args: owner:string, ttl_ms:long
--- returns: boolean
-- Extends the lock only if this owner still holds it; an expired or released lock is never brought back.
if redis.call('GET', KEYS[1]) == ARGV[1] then
  redis.call('PEXPIRE', KEYS[1], ARGV[2])
  return true
end
return false
