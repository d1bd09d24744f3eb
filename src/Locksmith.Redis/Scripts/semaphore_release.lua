--- keys: permits; args: owner:string, channel:string
--- returns: boolean
-- Gives back this owner's permit only, and tells waiters one is free.
if redis.call('ZREM', KEYS[1], ARGV[1]) == 1 then
  redis.call('PUBLISH', ARGV[2], KEYS[1])
  return true
end
return false
