/** A round avatar: the picture when there is one, else the first letter of the name. */
export function Avatar({
  user,
  size,
}: {
  user: { displayName: string; handle: string; avatarUrl?: string | null };
  size?: 'sm' | 'lg';
}) {
  const className = size ? `avatar ${size}` : 'avatar';
  if (user.avatarUrl) {
    return <img className={className} src={user.avatarUrl} alt="" loading="lazy" />;
  }
  const letter = (user.displayName || user.handle).trim().charAt(0).toUpperCase();
  const hue = [...user.handle].reduce((sum, char) => sum + char.charCodeAt(0), 0) % 360;
  return (
    <span className={className} aria-hidden="true" style={{ background: `hsl(${hue} 45% 38%)` }}>
      {letter}
    </span>
  );
}
