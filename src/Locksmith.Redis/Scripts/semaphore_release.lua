--- keys: permits; args: owner:string, channel:string, sharded:long
--- returns: boolean
-- Gives back this owner's permit only, and tells waiters one is free.
if redis.call('ZREM', KEYS[1], ARGV[1]) == 1 then
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
