--- keys: lock; args: token:string
--- returns: boolean
-- Deletes the lock only if we still own it: never a bare DEL.
if redis.call('GET', KEYS[1]) == ARGV[1] then
  redis.call('DEL', KEYS[1])
  return true
end
return false
