import { ImageUp, Trash2 } from 'lucide-react'
import { useEffect, useId, useRef, useState } from 'react'
import { Alert } from '../../../components/ui/alert.tsx'
import { Avatar } from '../../../components/ui/avatar.tsx'
import { Button } from '../../../components/ui/button.tsx'
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '../../../components/ui/card.tsx'
import { toast } from '../../../components/ui/toaster.tsx'
import { useRemoveAvatar, useUploadAvatar } from '../api/upload-avatar.ts'
import { AVATAR_TYPES, avatarFileError, formatBytes } from '../lib/avatar-file.ts'

/** Pick a picture, see it, upload it; the shell's avatar follows. */
export function AvatarUpload({ userId, name, avatarUrl }: { userId: string; name: string; avatarUrl: string | null }) {
  const inputId = useId()
  const input = useRef<HTMLInputElement>(null)
  const [file, setFile] = useState<File | null>(null)
  const [preview, setPreview] = useState<string | null>(null)
  const [problem, setProblem] = useState<string | null>(null)
  const upload = useUploadAvatar(userId)
  const remove = useRemoveAvatar(userId)

  useEffect(() => () => { if (preview) URL.revokeObjectURL(preview) }, [preview])

  function choose(chosen: File | undefined) {
    setFile(null)
    setPreview(null)
    setProblem(null)
    if (!chosen) return
    const error = avatarFileError(chosen)
    if (error) {
      setProblem(error)
      if (input.current) input.current.value = ''
      return
    }
    setFile(chosen)
    setPreview(URL.createObjectURL(chosen))
  }

  async function save() {
    if (!file) return
    try {
      await upload.mutateAsync(file)
      toast({ title: 'Picture updated', tone: 'success' })
      choose(undefined)
      if (input.current) input.current.value = ''
    } catch (error) {
      setProblem(`Upload failed: ${(error as Error).message}`)
    }
  }

  async function clear() {
    try {
      await remove.mutateAsync()
      toast({ title: 'Picture removed', tone: 'success' })
    } catch (error) {
      setProblem(`Could not remove the picture: ${(error as Error).message}`)
    }
  }

  return (
    <Card aria-labelledby="avatar-title">
      <CardHeader>
        <div>
          <CardTitle id="avatar-title">Picture</CardTitle>
          <CardDescription>PNG, JPEG, WebP or GIF, up to 2 MB.</CardDescription>
        </div>
      </CardHeader>
      <CardContent className="flex flex-col gap-3">
        <div className="flex items-center gap-4">
          <Avatar name={name} src={preview ?? avatarUrl} className="size-20 text-lg" data-testid="avatar-preview" />
          <div className="flex flex-col gap-2">
            <label htmlFor={inputId} className="text-sm font-medium">Choose a picture</label>
            <input
              id={inputId} ref={input} type="file" accept={Object.keys(AVATAR_TYPES).join(',')}
              aria-describedby={problem ? `${inputId}-error` : undefined} aria-invalid={problem ? true : undefined}
              onChange={(e) => choose(e.target.files?.[0])}
              className="text-xs file:mr-2 file:rounded-md file:border file:border-input file:bg-card file:px-2 file:py-1 file:text-xs"
            />
            {file && <span className="text-xs text-muted-foreground">{file.name} · {formatBytes(file.size)} · preview</span>}
          </div>
        </div>
        {problem && <Alert tone="danger" id={`${inputId}-error`}>{problem}</Alert>}
        <div className="flex gap-2">
          <Button onClick={() => void save()} disabled={!file || upload.isPending}><ImageUp />{upload.isPending ? 'Uploading…' : 'Upload picture'}</Button>
          {avatarUrl && !file && (
            <Button variant="outline" onClick={() => void clear()} disabled={remove.isPending}><Trash2 />Remove picture</Button>
          )}
        </div>
      </CardContent>
    </Card>
  )
}
