import { Link } from '@backstage/core-components';
import { makeStyles } from '@material-ui/core/styles';
import type { MouseEvent } from 'react';

const useStyles = makeStyles({
  name: {
    display: 'inline-block',
    maxWidth: '100%',
    overflow: 'hidden',
    textOverflow: 'ellipsis',
    whiteSpace: 'nowrap',
    verticalAlign: 'bottom',
  },
});

/** Wide enough for most device and user names; longer ones are cut. */
export const NAME_MAX_WIDTH = '22em';

/**
 * The name of a device, user or other entity on one line: a long name
 * (JumpCloud allows hundreds of characters) ends in an ellipsis instead of
 * making its table row or card tall, and the full name shows on hover (its
 * title). A title rather than Material UI's Tooltip (OverflowTooltip): that
 * Tooltip calls findDOMNode, which React warns about on every page. With
 * `path`, the name links to the entity's page.
 */
export function EntityName(props: {
  name: string;
  path?: string;
  maxWidth?: string;
  onClick?: (event: MouseEvent<HTMLAnchorElement>) => void;
}) {
  const classes = useStyles();
  const name = (
    <span
      className={classes.name}
      style={{ maxWidth: props.maxWidth ?? NAME_MAX_WIDTH }}
      title={props.name}
    >
      {props.name}
    </span>
  );
  return props.path ? (
    <Link to={props.path} onClick={props.onClick}>
      {name}
    </Link>
  ) : (
    name
  );
}
