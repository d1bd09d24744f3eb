--- keys: queue, waiters; args: owner:string, channel:string, sharded:long
--- returns: boolean
-- A fair waiter gives up (timeout, cancellation, try-once) and leaves the queue at once instead of blocking the callers
-- behind it until its place expires; they are told, since one of them may now fit.
if redis.call('ZREM', KEYS[1], ARGV[1]) == 1 then
  redis.call('ZREM', KEYS[2], ARGV[1])
  if ARGV[3] == '1' then
    redis.call('SPUBLISH', ARGV[2], KEYS[1])
  else
    redis.call('PUBLISH', ARGV[2], KEYS[1])
  end
  return true
end
return false
