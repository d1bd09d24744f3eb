--- keys: upgrader, writer; args: owner:string, ttl_ms:long
--- returns: boolean
-- Extends this owner's upgradeable read and, once upgraded, its write hold; an expired or released hold is never brought back.
if redis.call('GET', KEYS[1]) ~= ARGV[1] then
  return false
end
redis.call('PEXPIRE', KEYS[1], ARGV[2])
if redis.call('GET', KEYS[2]) == ARGV[1] then
  redis.call('PEXPIRE', KEYS[2], ARGV[2])
end
return true
