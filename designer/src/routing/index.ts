/** Public surface of the routing designer: the shell mounts RoutingsPage at #/routings/... */
export { RoutingsPage } from './RoutingsPage';
