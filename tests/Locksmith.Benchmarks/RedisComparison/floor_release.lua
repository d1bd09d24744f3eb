--- keys: lock; args: owner:string
--- returns: integer
-- The floor's release: delete only if still ours, nothing else (no notice, no fencing).
if redis.call('GET', KEYS[1]) == ARGV[1] then
  return redis.call('DEL', KEYS[1])
end
return 0
