--- keys: lock; args: owner:string, channel:string
--- returns: boolean
-- Deletes the lock only if this owner still holds it (never a bare DEL), and tells waiters it is free.
if redis.call('GET', KEYS[1]) == ARGV[1] then
  redis.call('DEL', KEYS[1])
  redis.call('PUBLISH', ARGV[2], KEYS[1])
  return true
end
return false
