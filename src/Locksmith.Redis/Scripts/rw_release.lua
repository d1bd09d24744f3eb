--- keys: readers, writer, intent, upgrader; args: owner:string, channel:string, sharded:long
--- returns: boolean
-- Gives back every hold this owner has on the key (read, write, upgradeable read, a waiting writer's or an upgrade's
-- intent), never another owner's, and tells waiters when something was freed.
local freed = redis.call('ZREM', KEYS[1], ARGV[1])
for i = 2, 4 do
  if redis.call('GET', KEYS[i]) == ARGV[1] then
    redis.call('DEL', KEYS[i])
    freed = freed + 1
  end
end
if freed == 0 then
  return false
end
-- On Redis Cluster the notice is sharded (SPUBLISH), to the node owning the key's slot, where its subscribers are.
if ARGV[3] == '1' then
  redis.call('SPUBLISH', ARGV[2], KEYS[2])
else
  redis.call('PUBLISH', ARGV[2], KEYS[2])
end
return true
