--- keys: lock; args: owner:string, channel:string, sharded:long
--- returns: boolean
-- Deletes the lock only if this owner still holds it (never a bare DEL), and tells waiters it is free.
if redis.call('GET', KEYS[1]) == ARGV[1] then
  redis.call('DEL', KEYS[1])
  -- On Redis Cluster the notice is sharded (SPUBLISH): it goes to the node owning the key's slot, where the channel's
  -- hash tag puts its subscribers, instead of being broadcast to every node.
  if ARGV[3] == '1' then
    redis.call('SPUBLISH', ARGV[2], KEYS[1])
  else
    redis.call('PUBLISH', ARGV[2], KEYS[1])
  end
  return true
end
return false
