--- keys: intent, writer; args: owner:string, channel:string, sharded:long
--- returns: boolean
-- A waiting writer or upgrade that gives up takes its intent away at once (rather than after its expiry), and tells the
-- readers it was holding back.
if redis.call('GET', KEYS[1]) ~= ARGV[1] then
  return false
end
redis.call('DEL', KEYS[1])
if ARGV[3] == '1' then
  redis.call('SPUBLISH', ARGV[2], KEYS[2])
else
  redis.call('PUBLISH', ARGV[2], KEYS[2])
end
return true
